import { beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { discoverPersonas } from '../../../src/personas/index.js';
import type { Locale } from '../../../src/web/api/types.js';
import { shortfallText, type PersonaListWithReadiness } from '../../../src/web/features/personas/discovery-readiness.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { chooseLanguage, describeWithBrowser, useStaffApp } from '../../helpers/browser.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const spaced = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describeWithBrowser('personas on a store with too few buyers', () => {
  const app = useStaffApp({ customers: 10 });

  it.each(['en', 'id', 'lv'] as const)('says in %s how many buyers discovery needs and keeps the button off, before any click', async (locale) => {
    const { page, server } = app;
    const t = tIn(locale);
    await page.goto(`${server.url}/personas`);
    await chooseLanguage(page, locale);
    const list = await page.evaluate(async () => (await fetch('/api/personas')).json() as Promise<PersonaListWithReadiness>);
    expect(list.discovery!.buyers).toBeLessThan(list.discovery!.minimumBuyers);
    // with how consent to profiling is recorded when buyers without it are what is missing
    const sentence = shortfallText(list.discovery!, locale, t, createFormatters(intlTagByLocale[locale], null, 'UTC'));
    await expect(page.locator('.page-personas .notice').textContent().then(spaced)).resolves.toBe(spaced(sentence));
    const button = page.getByRole('button', { name: t('personas.discover') });
    await expect(button.isDisabled()).resolves.toBe(true);
    await expect(button.getAttribute('aria-describedby')).resolves.toBe(await page.locator('.page-personas .notice').getAttribute('id'));
    // the empty state would tell a writer to discover: the sentence takes its place
    await expect(page.getByText(t('personas.noneYetWriter')).count()).resolves.toBe(0);
  });
});

describeWithBrowser('persona income bands in the reader language', () => {
  const app = useStaffApp({ customers: 200 });

  beforeAll(async () => {
    await discoverPersonas(app.server.store.db, { clock: systemClock, k: 3, seed: 1 });
  }, 120_000);

  it('says millions as juta in Indonesian, never as M (miliar)', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/personas`);
    await chooseLanguage(page, 'id');
    // before the personas are in, no notice and an enabled button say nothing yet
    await page.locator('.persona-card').first().waitFor();
    await expect(page.locator('.page-personas .notice').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: tIn('id')('personas.rediscover') }).isDisabled()).resolves.toBe(false);
    const list = await page.evaluate(async () => (await fetch('/api/personas')).json() as Promise<PersonaListWithReadiness>);
    const persona = list.personas.find((candidate) => candidate.profile.incomes.length > 0)!;
    await page.goto(`${server.url}/personas/${persona.personaId}`);
    const card = page.locator('.card').filter({ has: page.getByRole('heading', { name: tIn('id')('personas.incomes') }) });
    await card.locator('.bar-list-label').first().waitFor();
    const labels = (await card.locator('.bar-list-label').allTextContents()).map(spaced);
    expect(labels).toHaveLength(persona.profile.incomes.length);
    // the store's bands are "<5M", "5-10M", "10-20M", ">20M": each reads in juta
    for (const label of labels) expect(label).toMatch(/^(Di bawah \d+ jt|\d+ jt – \d+ jt|Di atas \d+ jt)$/);
    const typical = spaced(await page.locator('.persona-facts div').filter({ hasText: tIn('id')('personas.typicalIncome') }).locator('dd').textContent());
    expect(typical).toMatch(/ jt$/);
    expect(typical).not.toMatch(/M/);
  });
});
