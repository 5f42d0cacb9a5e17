import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { exactCalendarDayOf } from '../../../src/core/calendar-day.js';
import { systemClock } from '../../../src/core/clock.js';
import { readRecords } from '../../../src/ingest/readers/read-records.js';
import { createSegment } from '../../../src/segments/index.js';
import { updateStoreSettings } from '../../../src/settings/index.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

type Consent = { customer_id: number; consent_email: boolean | null; consent_sms: boolean | null; consent_profiling: boolean | null; consent_whatsapp: boolean | null };

/** The columns every customer export had before consent, in their order: tools read them by position. */
const earlierColumns = ['customer_id', 'name', 'email', 'phone', 'city', 'country', 'is_real', 'order_count', 'revenue (IDR)', 'revenue_minor',
  'first_purchase_at', 'last_purchase_at', 'created_at', 'primary_type', 'types', 'rfm_segment'];
const consentColumns = ['consent_email', 'consent_sms', 'consent_profiling'];
// added later, after the other consents (in a members file too, before entered_at), so the columns before it keep their places
const laterColumns = ['consent_whatsapp'];

/** A consent as the file writes it: true, false, or empty when the customer was never asked. */
const cellOf = (value: boolean | null) => (value === null ? '' : String(value));

/** The two files the export offers: field codes for re-import, and the same rows for a person. */
const machineForm = 'For re-import (CSV, field codes)';
const spreadsheetForm = 'Spreadsheet (CSV)';

/** The export's group and field separator in a language other than English. */
type ExportLanguage = { group: string; delimiter: ',' | ';' };
const english: ExportLanguage = { group: 'Export CSV', delimiter: ',' };

/** Clicks one of the export's buttons and reads the file the browser saved: its suggested name, first bytes and line, header and rows. */
async function exportFrom(page: Page, within: Locator, form = machineForm, { group, delimiter } = english) {
  const download = page.waitForEvent('download');
  await within.getByRole('group', { name: group }).getByRole('button', { name: form, exact: true }).click();
  const file = await download;
  const path = await file.path();
  const bytes = await readFile(path);
  const start = [...bytes.subarray(0, 3)];
  const firstLine = bytes.subarray(3).toString('utf8').split('\r\n')[0];
  const source = await readRecords(path, { delimiter });
  const rows: Array<Record<string, string | null>> = [];
  for await (const item of source) if (item.kind === 'record') rows.push(item.values);
  return { name: file.suggestedFilename(), start, firstLine, header: source.headers, rows };
}

describeWithBrowser('staff web app: exports for a campaign', () => {
  const app = useStaffApp({ customers: 300 });
  let server: DemoServer;
  let page: Page;
  let zone: string;
  const consentOf = async (ids: number[]) => new Map((await sql<Consent>`
    select customer_id, consent_email, consent_sms, consent_profiling, consent_whatsapp from customer where customer_id = any(${ids}::bigint[])`.execute(server.store.db)).rows
    .map((row) => [Number(row.customer_id), row]));
  /** The store's calendar day now; either side of the export, in case it ran across midnight. */
  const storeDays = (before: Date) => [exactCalendarDayOf(before, zone), exactCalendarDayOf(new Date(), zone)];

  beforeAll(async () => {
    ({ server, page } = app);
    // a zone whose calendar day is not UTC's at this hour (UTC+14 from 10:00 UTC on, UTC−11 until 11:00), so a file dated in UTC would show it
    zone = new Date().getUTCHours() >= 11 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    await updateStoreSettings(server.store.db, { timezone: zone });
  });

  /** Opens a page and waits until the store's settings (its zone among them) have reached the app. */
  const open = async (path: string) => {
    await page.goto(`${server.url}${path}`);
    await page.locator('.store-name').waitFor();
  };

  it("exports every member of a segment with consent, in a file named after the segment and the store's day", async () => {
    const top = await sql<{ city: string }>`select city from customer where city is not null and merged_into_customer_id is null group by city order by count(*) desc, city limit 1`.execute(server.store.db);
    const city = top.rows[0].city;
    const { segment } = await createSegment(server.store.db, { name: `Kafija pircēji ${city}`, filter: { field: 'city', op: 'eq', value: city } }, { actor: 'test', clock: systemClock });
    expect(segment.member_count).toBeGreaterThan(50); // more than the card's first page
    const memberIds = (await sql<{ customer_id: number }>`select customer_id from segment_member where segment_id = ${segment.segment_id} order by customer_id`.execute(server.store.db)).rows.map((row) => Number(row.customer_id));

    await open(`/segments/${segment.segment_id}`);
    const members = page.getByRole('region', { name: /^Members/ });
    await members.getByRole('table').waitFor();
    const before = new Date();
    const exported = await exportFrom(page, members);

    // the segment's words as written, accents kept (export-file-name.ts)
    const slug = `kafija-pircēji-${(city.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).join('-')}`;
    expect(storeDays(before).map((day) => `segment-${slug}-reimport-${day}.csv`)).toContain(exported.name);
    expect(exported.name).not.toContain(before.toISOString().slice(0, 10));
    // then the predictions and persona, for campaign tools (empty here: no models fitted, no personas)
    expect(exported.header).toEqual([...earlierColumns, ...consentColumns, ...laterColumns, 'entered_at', 'clv (IDR)', 'clv_minor', 'p_alive', 'churn_risk', 'persona']);
    expect(exported.rows).toHaveLength(segment.member_count);
    expect(exported.rows.map((row) => Number(row.customer_id))).toEqual(memberIds);
    const consent = await consentOf(memberIds);
    expect([...consent.values()].some((row) => row.consent_email === true) && [...consent.values()].some((row) => row.consent_email === false)).toBe(true);
    for (const row of exported.rows) {
      const stored = consent.get(Number(row.customer_id))!;
      expect([...consentColumns, ...laterColumns].map((column) => row[column] ?? '')).toEqual([stored.consent_email, stored.consent_sms, stored.consent_profiling, stored.consent_whatsapp].map(cellOf));
      expect(row.city).toBe(city);
    }
  });

  it("exports the customer list's filter with the consent columns appended, named by the store's day", async () => {
    const buyers = (await sql<{ customer_id: number }>`
      select c.customer_id from customer c join customer_trait t on t.customer_id = c.customer_id
      where c.merged_into_customer_id is null and t.order_count > 0`.execute(server.store.db)).rows.map((row) => Number(row.customer_id));
    await open('/customers?status=real');
    await page.locator('.customer-row:not(.customer-row-head)').first().waitFor();
    const before = new Date();
    const exported = await exportFrom(page, page.locator('main'));

    expect(storeDays(before).map((day) => `customers-reimport-${day}.csv`)).toContain(exported.name);
    expect(exported.header).toEqual([...earlierColumns, ...consentColumns, ...laterColumns]);
    expect(exported.rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b)).toEqual(buyers.sort((a, b) => a - b));
    const consent = await consentOf(buyers);
    for (const row of exported.rows) {
      const stored = consent.get(Number(row.customer_id))!;
      expect([...consentColumns, ...laterColumns].map((column) => row[column] ?? '')).toEqual([stored.consent_email, stored.consent_sms, stored.consent_profiling, stored.consent_whatsapp].map(cellOf));
    }
  });

  it("exports the list for a spreadsheet: translated headers, the store's local times, with a byte order mark for Excel", async () => {
    await open('/customers?status=real');
    await page.locator('.customer-row:not(.customer-row-head)').first().waitFor();
    const exported = await exportFrom(page, page.locator('main'), spreadsheetForm);

    expect(exported.start).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.header).toEqual(['Customer No.', 'Name', 'Email', 'Phone', 'City', 'Country', 'Status', 'Orders', 'Spend (IDR)', 'First purchase', 'Last purchase',
      'Known since', 'Main type', 'All types', 'RFM segment', 'Consent: email marketing', 'Consent: SMS marketing', 'Consent: profiling', 'Consent: WhatsApp marketing']);
    const first = exported.rows[0];
    // the database's own reading of the time on the store's clock, not the browser's Intl
    const stored = (await sql<{ last_purchase: string }>`
      select to_char(last_purchase_at at time zone ${zone}, 'YYYY-MM-DD HH24:MI') as last_purchase
      from customer_trait where customer_id = ${Number(first['Customer No.'])}`.execute(server.store.db)).rows[0];
    expect(first['Last purchase']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(first['Last purchase']).toBe(stored.last_purchase);
    expect(first.Status).toBe('Customer');
  });

  it("exports for a Latvian spreadsheet with \";\" between fields and a decimal comma, and the file for re-import as before", async () => {
    const buyer = (await sql<{ customer_id: number; revenue_minor: string }>`
      select t.customer_id, t.revenue_minor from customer_trait t join customer c on c.customer_id = t.customer_id
      where c.merged_into_customer_id is null and t.order_count > 0 order by t.customer_id limit 1`.execute(server.store.db)).rows[0];
    // euro for cents to show the decimal separator; rupiah has none
    await updateStoreSettings(server.store.db, { currency: 'EUR' });
    await sql`update customer_trait set revenue_minor = 124706 where customer_id = ${buyer.customer_id}`.execute(server.store.db);
    try {
      await open('/customers?status=real');
      await chooseLanguage(page, 'lv');
      await page.locator('.customer-row:not(.customer-row-head)').first().waitFor();
      const latvian = { group: 'Eksportēt CSV', delimiter: ';' } as const;
      const sheet = await exportFrom(page, page.locator('main'), 'Izklājlapai (CSV)', latvian);

      expect(sheet.start).toEqual([0xef, 0xbb, 0xbf]);
      expect(sheet.firstLine.startsWith('Klienta Nr.;Vārds;E-pasts;Tālrunis;Pilsēta;Valsts;Statuss;Pasūtījumi;Tēriņi (EUR);')).toBe(true);
      const row = sheet.rows.find((each) => Number(each['Klienta Nr.']) === Number(buyer.customer_id))!;
      expect(row['Tēriņi (EUR)']).toBe('1247,06');
      expect(row.Statuss).toBe('Klients');
      expect(row['Pēdējais pirkums']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

      const machine = await exportFrom(page, page.locator('main'), 'Atkārtotai importēšanai (CSV, lauku kodi)', { group: latvian.group, delimiter: ',' });
      expect(machine.header).toEqual([...earlierColumns.map((column) => column.replace('IDR', 'EUR')), ...consentColumns, ...laterColumns]);
      const machineRow = machine.rows.find((each) => Number(each.customer_id) === Number(buyer.customer_id))!;
      expect([machineRow['revenue (EUR)'], machineRow.revenue_minor]).toEqual(['1247.06', '124706']);
    } finally {
      await sql`update customer_trait set revenue_minor = ${buyer.revenue_minor} where customer_id = ${buyer.customer_id}`.execute(server.store.db);
      await updateStoreSettings(server.store.db, { currency: 'IDR' });
      await chooseLanguage(page, 'en');
    }
  });
});
