import { readFile } from 'node:fs/promises';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { readRecords } from '../../../src/ingest/readers/read-records.js';
import { discoverPersonas } from '../../../src/personas/index.js';
import { createSegment } from '../../../src/segments/index.js';
import { currency, timeZone } from '../../../src/synthetic/index.js';
import type { DriftReport } from '../../../src/web/api/target-group-types.js';
import type { Locale } from '../../../src/web/api/types.js';
import { distinctnessOf } from '../../../src/web/features/personas/distinctness.js';
import { categoryWhys, categoryWhyText, type StoreCategory } from '../../../src/web/features/personas/category-why.js';
import { driftValueText, effectMeasureText, relativeChange } from '../../../src/web/features/personas/drift-values.js';
import { byLargestChange, driftBadge, driftStatement, noStatisticReason, sizeOfChange } from '../../../src/web/features/personas/drift-words.js';
import type { PersonaListWithReadiness } from '../../../src/web/features/personas/discovery-readiness.js';
import { modelSummaryText } from '../../../src/web/features/personas/model-summary.js';
import { nameWordsOf, personaDisplayName } from '../../../src/web/features/personas/persona-name.js';
import { traitSentence } from '../../../src/web/features/personas/trait-words.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { chooseLanguage, describeWithBrowser, pagePoll, useStaffApp, waitForStoreSettings, type DemoServer } from '../../helpers/browser.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
// the synthetic demo store's currency and time zone, as the app formats its money and days (not UTC's:
// from 17:00 UTC on, the day the model was discovered is already the next one in Jakarta)
const formatIn = (locale: Locale) => createFormatters(intlTagByLocale[locale], currency, timeZone);
const sizeRank = { large: 3, medium: 2, small: 1, negligible: 0 } as const;

describeWithBrowser('personas and drift in words', () => {
  const app = useStaffApp({ customers: 200 });
  let server: DemoServer;
  let page: Page;
  let list: PersonaListWithReadiness;

  beforeAll(async () => {
    ({ server, page } = app);
    await discoverPersonas(server.store.db, { clock: systemClock, k: 3, seed: 1 });
    await page.goto(`${server.url}/personas`);
    list = await page.evaluate(async () => (await fetch('/api/personas')).json() as Promise<PersonaListWithReadiness>);
  }, 120_000);

  it.each(['en', 'lv'] as const)('says in %s what sets each persona apart and how distinct they are, with the numbers one step away', async (locale) => {
    const t = tIn(locale);
    const format = formatIn(locale);
    const words = nameWordsOf(locale, t);
    await chooseLanguage(page, locale);
    await page.goto(`${server.url}/personas`);
    // the dates and amounts are written in the store's zone and currency, which come with the settings
    await waitForStoreSettings(page);
    await page.locator('.persona-card').first().waitFor();
    expect(list.personas.length).toBe(3);
    expect(list.personas.some((persona) => persona.profile.traits.length > 0)).toBe(true);

    // the buyers' word agrees with their count, and the model line is the page's own; it counts every buyer and says who was left out
    const withoutConsent = list.discovery!.withoutConsent!;
    expect(withoutConsent).toBeGreaterThan(0);
    const summary = page.locator('.page-personas p.muted').filter({ hasText: format.date(list.model!.discovered_at) });
    await expect(summary.textContent()).resolves.toBe(modelSummaryText(list.model!, withoutConsent, locale, t, format));
    await expect(summary.textContent()).resolves.toContain(format.number(list.model!.population + withoutConsent));
    if (locale === 'en') await expect(summary.textContent()).resolves.toMatch(new RegExp(`; ${format.number(withoutConsent)} were left out: no consent to profiling$`));
    const store = await page.evaluate(async () => (await fetch('/api/categories?limit=1000')).json() as Promise<{ items: StoreCategory[] }>);
    const cards = page.locator('.persona-card');
    for (const [index, persona] of list.personas.entries()) {
      const card = cards.nth(index);
      // the generated name in the reader's words, beginning with a capital, none left in the server's English
      const name = personaDisplayName(persona, words);
      expect(name.lang).toBeUndefined();
      await expect(card.locator('h2').textContent()).resolves.toBe(name.text);
      expect(name.text).not.toMatch(/^\p{Ll}/u);
      const chips = card.locator('.persona-traits .type-tag');
      const expected = persona.profile.traits.map((trait) => traitSentence(trait, words, t).text);
      await expect(chips.allTextContents()).resolves.toEqual(expected);
      // a naming category that is not the persona's largest says why: its share against the store's
      const whys = categoryWhys(persona.profile, store.items).map((why) => categoryWhyText(why, t, format));
      if (whys.length > 0) await card.locator('.persona-category-why').first().waitFor();
      await expect(card.locator('.persona-category-why').allTextContents()).resolves.toEqual(whys);
      if (persona.profile.traits.length === 0) continue;
      // words, not "young -0.77": a phrase of the reader's language with a strength word in brackets, no bare number
      const strengths = Object.values(messagesByLocale[locale].personas.traitStrengths).join('|');
      for (const text of expected) expect(text).toMatch(new RegExp(`^[^\\d]+ \\((${strengths})\\)$`));
      const numbers = persona.profile.traits.map((trait) => t('personas.traitDifference', { difference: `${trait.difference > 0 ? '+' : ''}${format.number(trait.difference, 2)}` }));
      await expect(chips.evaluateAll((elements) => elements.map((element) => element.getAttribute('title')))).resolves.toEqual(numbers);
      // the numbers also open for keyboards and touch, not only on hover
      const details = card.locator('details.persona-trait-numbers');
      await details.locator('summary').click();
      await expect(details.locator('li').allTextContents()).resolves.toEqual(expected.map((text, position) => `${text}: ${numbers[position]}`));
    }

    const silhouette = list.model!.silhouette!;
    const level = t(`personas.distinctLevels.${distinctnessOf(silhouette)}`);
    const distinctness = page.locator('.persona-distinctness');
    await expect(distinctness.textContent()).resolves.toBe(`${t('personas.distinctness', { level })} (${t('personas.silhouette', { value: format.number(silhouette, 2) })})`);
  });

  it.each(['en', 'lv'] as const)('tells in %s what moved in words, largest change first, with each statistic beside it', async (locale) => {
    const t = tIn(locale);
    const format = formatIn(locale);
    await chooseLanguage(page, locale);
    await page.goto(`${server.url}/personas`);
    // an amount moved is written in the store's currency, which comes with the settings
    await waitForStoreSettings(page);
    const form = page.locator('.drift-form');
    await form.locator('button[type="submit"]').click();
    const table = page.locator('.drift-results table').first();
    await table.waitFor();
    const inputs = form.locator('input[type="date"]');
    const periods = { before: { from: await inputs.nth(0).inputValue(), to: await inputs.nth(1).inputValue() }, after: { from: await inputs.nth(2).inputValue(), to: await inputs.nth(3).inputValue() } };
    const report = await page.evaluate(async (body) => {
      const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
      const response = await fetch('/api/drift', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      return response.json() as Promise<DriftReport>;
    }, { group: { kind: 'all' }, ...periods });
    expect(report.before.customers).toBeGreaterThan(0);

    const ordered = byLargestChange(report.attributes);
    const rows = table.locator('tbody tr');
    const expectedRows = ordered.map((attribute) => `${driftStatement(attribute, t, format.percent).text} (${driftBadge(attribute, t, format)})`);
    await expect(rows.locator('th').allTextContents()).resolves.toEqual(expectedRows);
    // a mean or a mix that moved by half a percent or more is never called "no real change"
    const noRealChange = t('drift.magnitudes.negligible');
    for (const [position, attribute] of ordered.entries()) {
      const before = driftValueText(attribute, 'before', t, format);
      const after = driftValueText(attribute, 'after', t, format);
      const moved = attribute.kind === 'numeric' ? Math.abs(relativeChange(attribute) ?? 0) : attribute.totalVariation;
      if (moved >= 0.005) expect(expectedRows[position]).not.toContain(noRealChange);
      // a mix compares one value with itself: the same label in both cells
      if (attribute.kind === 'categorical' && attribute.series.length > 0) expect(before.replace(/ [^ ]+$/, '')).toBe(after.replace(/ [^ ]+$/, ''));
    }
    await expect(rows.locator('td:nth-child(2)').allTextContents()).resolves.toEqual(ordered.map((attribute) => driftValueText(attribute, 'before', t, format)));
    await expect(rows.locator('td:nth-child(3)').allTextContents()).resolves.toEqual(ordered.map((attribute) => driftValueText(attribute, 'after', t, format)));
    // largest first: the size bands never rise down the table
    // a row with nothing to measure (one value in both periods) sits with the smallest, too few customers last
    const ranks = ordered.map((attribute) => { const size = sizeOfChange(attribute); return size !== null ? sizeRank[size] : noStatisticReason(attribute) === 'tooFew' ? -1 : 0; });
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // the analyst's number and its name stay in the row
    const statistic = (value: number | null) => (value === null ? '–' : format.number(value, 2));
    await expect(rows.locator('td.numeric').allTextContents()).resolves.toEqual(ordered.map((attribute) => statistic(attribute.kind === 'numeric' ? attribute.cohensD : attribute.cramersV)));
    const names = await rows.locator('td.numeric').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')));
    // the spend row's d is of log spend, and its name says so
    expect(names).toEqual(ordered.map((attribute) => effectMeasureText(attribute, t, format)));
    expect(names).toContain(t('drift.cohensDLog'));
  });

  it('names personas in the segment builder and its conditions as the Personas page does, and in a members sheet as a filter takes them', async () => {
    const t = tIn('lv');
    const words = nameWordsOf('lv', t);
    const shown = (name: string) => personaDisplayName(list.personas.find((persona) => persona.name === name)!, words).text;
    await chooseLanguage(page, 'lv');
    await page.goto(`${server.url}/segments/new`);
    const form = page.getByRole('form', { name: t('segments.builder.comparisonTitle') });
    await form.getByLabel(t('segments.builder.field'), { exact: true }).selectOption({ label: t('segments.fieldLabels.persona') });
    const value = form.getByLabel(t('segments.builder.value'), { exact: true });
    await expect.poll(async () => (await value.locator('option').allTextContents()).sort(), pagePoll).toEqual(list.personas.map((persona) => shown(persona.name)).sort());
    // the box is as wide as the name it shows: not cut to "Nedēļas nogales mai…"
    const fits = await value.evaluate((select: HTMLSelectElement) => {
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(select).font;
      probe.style.position = 'absolute';
      probe.style.whiteSpace = 'pre';
      probe.textContent = select.selectedOptions[0]!.textContent;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width <= select.clientWidth;
    });
    expect(fits).toBe(true);
    const picked = await value.inputValue();
    await form.getByRole('button', { name: t('segments.builder.add'), exact: true }).click();
    // a new segment starts with a condition of its own; the one added is the last
    await expect.poll(() => page.locator('.condition-text').last().textContent(), pagePoll).toContain(shown(picked));

    const persona = list.personas[0]!;
    const { segment } = await createSegment(server.store.db, { name: 'Persona sheet', filter: { field: 'persona', op: 'eq', value: persona.name } }, { actor: 'test', clock: systemClock });
    await page.goto(`${server.url}/segments/${segment.segment_id}`);
    await expect.poll(() => page.locator('.condition-text').first().textContent(), pagePoll).toContain(shown(persona.name));
    const members = page.getByRole('region', { name: /^Dalībnieki/ });
    await members.getByRole('table').waitFor();
    const download = page.waitForEvent('download');
    await members.getByRole('group', { name: t('customers.export.start') }).getByRole('button', { name: t('customers.export.spreadsheet'), exact: true }).click();
    const path = await (await download).path();
    expect((await readFile(path)).length).toBeGreaterThan(0);
    const source = await readRecords(path, { delimiter: ';' });
    const personas = new Set<string | null>();
    // a member who withdrew consent to profiling is written without a persona
    for await (const item of source) if (item.kind === 'record' && item.values[t('customers.export.columns.persona')]) personas.add(item.values[t('customers.export.columns.persona')]);
    // the sheet writes the name as stored, which a persona filter takes (and the CLI's CSV writes), not the page's words
    expect(personas).toEqual(new Set([persona.name]));
    expect(shown(persona.name)).not.toBe(persona.name);
  });
});
