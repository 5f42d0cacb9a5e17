import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { readRecords } from '../../../src/ingest/readers/read-records.js';
import { createSegment, getSegment, listSegments } from '../../../src/segments/index.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { describeWithBrowser, pagePoll, useStaffApp, type DemoServer } from '../../helpers/browser.js';

const numbers = createFormatters('en-GB', null, 'UTC');

/** Chooses whom to export, clicks one of the export's forms and reads the file the browser saved. */
async function exportMembers(page: Page, members: Locator, audience: string, form: string, idColumn: string) {
  await members.getByLabel('Members to export').selectOption({ label: audience });
  const download = page.waitForEvent('download');
  await members.getByRole('group', { name: 'Export CSV' }).getByRole('button', { name: form, exact: true }).click();
  const file = await download;
  const path = await file.path();
  const start = [...(await readFile(path)).subarray(0, 3)];
  const source = await readRecords(path, { delimiter: ',' });
  const rows: Array<Record<string, string | null>> = [];
  for await (const item of source) if (item.kind === 'record') rows.push(item.values);
  return { name: file.suggestedFilename(), start, header: source.headers, ids: rows.map((row) => Number(row[idColumn])), rows };
}

/** "1 member", "1,328 members": a count as the export's sentence writes it in English. */
const counted = (count: number) => `${numbers.number(count)} ${count === 1 ? 'member' : 'members'}`;

describeWithBrowser('staff web app: a segment exported with consent, and a segment duplicated', () => {
  const app = useStaffApp({ customers: 300 });
  let server: DemoServer;
  let page: Page;
  let city: string;

  beforeAll(async () => {
    ({ server, page } = app);
    const top = await sql<{ city: string }>`select city from customer where city is not null and merged_into_customer_id is null group by city order by count(*) desc, city limit 1`.execute(server.store.db);
    city = top.rows[0].city;
  });

  /** The members of a segment whose consent of this kind is a recorded yes, in customer order; and all its members. */
  const membersOf = async (segmentId: number, column: 'consent_email' | 'consent_sms') => {
    const rows = (await sql<{ customer_id: number; agreed: boolean | null }>`
      select m.customer_id, ${sql.ref(`c.${column}`)} as agreed from segment_member m join customer c on c.customer_id = m.customer_id
      where m.segment_id = ${segmentId} order by m.customer_id`.execute(server.store.db)).rows;
    return { all: rows.map((row) => Number(row.customer_id)), agreed: rows.filter((row) => row.agreed === true).map((row) => Number(row.customer_id)), values: new Set(rows.map((row) => row.agreed)) };
  };

  it('exports only the members who agreed to email, or to SMS, and says how many it left out for want of consent', async () => {
    const { segment } = await createSegment(server.store.db, { name: 'Everyone for a campaign', filter: { and: [] } }, { actor: 'test', clock: systemClock });
    // never asked counts as no, as in the CLI: some members are made so
    await sql`update customer set consent_email = null where customer_id in (
      select customer_id from segment_member where segment_id = ${segment.segment_id} order by customer_id limit 7)`.execute(server.store.db);
    const email = await membersOf(segment.segment_id, 'consent_email');
    expect([...email.values].sort()).toEqual([false, true, null].sort());
    expect(email.agreed.length).toBeGreaterThan(0);

    await page.goto(`${server.url}/segments/${segment.segment_id}`);
    const members = page.getByRole('region', { name: /^Members/ });
    await members.getByRole('table').waitFor();

    const byEmail = await exportMembers(page, members, 'Only those who agreed to email', 'For re-import (CSV, field codes)', 'customer_id');
    expect(byEmail.ids).toEqual(email.agreed);
    expect(byEmail.rows.every((row) => row.consent_email === 'true')).toBe(true);
    expect(byEmail.name).toMatch(/^segment-everyone-for-a-campaign-email-consent-reimport-\d{4}-\d{2}-\d{2}\.csv$/);
    const leftOut = email.all.length - email.agreed.length;
    await members.getByText(`${counted(email.agreed.length)} exported; ${counted(leftOut)} left out: no email consent`, { exact: true }).waitFor();

    const sms = await membersOf(segment.segment_id, 'consent_sms');
    expect(sms.agreed.length).toBeLessThan(sms.all.length);
    const bySms = await exportMembers(page, members, 'Only those who agreed to SMS', 'Spreadsheet (CSV)', 'Customer No.');
    expect(bySms.start).toEqual([0xef, 0xbb, 0xbf]);
    expect(bySms.ids).toEqual(sms.agreed);
    expect(bySms.rows.every((row) => row['Consent: SMS marketing'] === 'Yes')).toBe(true);
    await members.getByText(`${counted(sms.agreed.length)} exported; ${counted(sms.all.length - sms.agreed.length)} left out: no SMS consent`, { exact: true }).waitFor();

    // everyone, as before: every member, and nothing said about consent
    const everyone = await exportMembers(page, members, 'Everyone', 'For re-import (CSV, field codes)', 'customer_id');
    expect(everyone.ids).toEqual(email.all);
    await expect.poll(() => members.getByText(/left out/).count(), pagePoll).toBe(0);
  });

  it('writes names and emails a spreadsheet would compute exactly in the re-import form, guarded only in the spreadsheet form', async () => {
    const { segment } = await createSegment(server.store.db, { name: 'Formula-like values', filter: { and: [] } }, { actor: 'test', clock: systemClock });
    const first = await sql<{ customer_id: number }>`select customer_id from segment_member where segment_id = ${segment.segment_id} order by customer_id limit 1`.execute(server.store.db);
    const id = Number(first.rows[0].customer_id);
    await sql`update customer set name = '+Māris Zeltiņš', email = '-2+3@example.lv' where customer_id = ${id}`.execute(server.store.db);

    await page.goto(`${server.url}/segments/${segment.segment_id}`);
    const members = page.getByRole('region', { name: /^Members/ });
    await members.getByRole('table').waitFor();
    const machine = await exportMembers(page, members, 'Everyone', 'For re-import (CSV, field codes)', 'customer_id');
    expect(machine.rows.find((row) => Number(row.customer_id) === id)).toMatchObject({ name: '+Māris Zeltiņš', email: '-2+3@example.lv' });
    const sheet = await exportMembers(page, members, 'Everyone', 'Spreadsheet (CSV)', 'Customer No.');
    expect(sheet.rows.find((row) => Number(row['Customer No.']) === id)).toMatchObject({ Name: "'+Māris Zeltiņš", Email: "'-2+3@example.lv" });
    // the two forms are for different tools: their files must not be mistaken for each other
    expect(machine.name).toMatch(/^segment-formula-like-values-reimport-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(sheet.name).toMatch(/^segment-formula-like-values-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('duplicates a segment into the editor as "Copy of …", saves it as a new one, and refuses a name already taken', async () => {
    const name = `Repeat buyers in ${city}`;
    const filter = { and: [{ field: 'city', op: 'eq', value: city }, { field: 'order_count', op: 'gte', value: 2 }] };
    const { segment: original } = await createSegment(server.store.db, { name, description: 'Bought twice or more', filter }, { actor: 'test', clock: systemClock });

    await page.goto(`${server.url}/segments`);
    await page.getByRole('link', { name: `Duplicate ${name}`, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();
    const nameField = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => nameField.inputValue(), pagePoll).toBe(`Copy of ${name}`);
    await expect(page.getByRole('textbox', { name: 'Description', exact: true }).inputValue()).resolves.toBe('Bought twice or more');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { level: 1, name: `Copy of ${name}` }).waitFor();

    const copy = await getSegment(server.store.db, `Copy of ${name}`);
    expect(copy.segment_id).not.toBe(original.segment_id);
    expect(copy.filter).toEqual(original.filter);
    expect(copy.description).toBe('Bought twice or more');
    expect(copy.member_count).toBe(original.member_count);
    expect(new URL(page.url()).pathname).toBe(`/segments/${copy.segment_id}`);
    const unchanged = await getSegment(server.store.db, original.segment_id);
    expect([unchanged.name, unchanged.description, unchanged.filter]).toEqual([name, 'Bought twice or more', original.filter]);

    // a second copy from the segment's own page takes the same name: refused as any save of a taken name
    await page.goto(`${server.url}/segments/${original.segment_id}`);
    await page.getByRole('link', { name: 'Duplicate', exact: true }).click();
    await expect.poll(() => nameField.inputValue(), pagePoll).toBe(`Copy of ${name}`);
    await page.getByRole('button', { name: 'Save segment' }).click();
    // said under the Name field, naming and linking the segment that has the name, with no CLI or API commands
    const taken = page.getByRole('alert').filter({ hasText: `Another segment is already called “Copy of ${name}”.` });
    await taken.waitFor();
    await expect(taken.getByRole('link', { name: `“Copy of ${name}”` }).getAttribute('href')).resolves.toBe(`/segments/${copy.segment_id}`);
    expect(await taken.textContent()).not.toContain('clientele');
    await expect.poll(() => nameField.getAttribute('aria-invalid'), pagePoll).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/segments/new');
    const named = (await listSegments(server.store.db)).filter((segment) => segment.name.toLowerCase() === `copy of ${name}`.toLowerCase());
    expect(named).toHaveLength(1);
  });
});
