import { expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { discoverPersonas } from '../../../src/personas/index.js';
import type { Persona } from '../../../src/web/api/target-group-types.js';
import { nameWordsOf, personaDisplayName, traitWording } from '../../../src/web/features/personas/persona-name.js';
import { lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { describeWithBrowser, useStaffApp } from '../../helpers/browser.js';

const indonesian = nameWordsOf('id', (key, variables) => lookupMessage(messagesByLocale.id, key, variables));

describeWithBrowser('staff web app: persona names in the reader\'s language', () => {
  const app = useStaffApp({ customers: 300 });

  it('shows generated persona names and traits in Bahasa Indonesia, and a renamed persona under its own name', async () => {
    const { page, server } = app;
    await discoverPersonas(server.store.db, { clock: systemClock, k: 3, seed: 1 });
    await page.goto(`${server.url}/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    const { personas } = await page.evaluate(async () => (await fetch('/api/personas')).json() as Promise<{ personas: Persona[] }>);
    expect(personas).toHaveLength(3);
    const expected = personas.map((persona) => personaDisplayName(persona, indonesian));
    // the demo's personas are told apart by words the app knows, so none falls back to English
    expect(expected.filter((name) => name.lang === 'en')).toEqual([]);
    expect(expected.some((name, index) => name.text !== personas[index].generatedName)).toBe(true);

    await page.getByLabel('Language').selectOption('id');
    await page.getByRole('heading', { level: 1, name: 'Persona' }).waitFor();
    for (const [index, persona] of personas.entries()) {
      const card = page.getByRole('region', { name: expected[index].text, exact: true });
      await card.waitFor();
      const traits = persona.profile.traits.map((trait) => traitWording(trait, indonesian).text);
      const shown = await card.locator('.persona-traits .type-tag').allTextContents();
      expect(shown.map((text) => text.replace(/ [+-]?[\d,.]+$/, ''))).toEqual(traits);
    }
    // the drift card offers the personas by the same names
    const options = await page.locator('.drift-form select option').allTextContents();
    for (const name of expected) expect(options.some((option) => option.includes(name.text))).toBe(true);

    const first = personas[0];
    await page.getByRole('link', { name: expected[0].text, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: expected[0].text, exact: true }).waitFor();
    // saving unchanged keeps the generated name, so it follows the reader's language
    await expect(page.getByLabel('Nama', { exact: true }).inputValue()).resolves.toBe(expected[0].text);
    await page.getByLabel('Nama', { exact: true }).fill('Pelanggan pagi');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pelanggan pagi' }).waitFor();
    await page.getByText(`Nama otomatis: ${expected[0].text}`).waitFor();
    const renamed = await page.evaluate(async (id) => (await fetch(`/api/personas/${id}`)).json() as Promise<Persona>, first.personaId);
    expect({ name: renamed.name, generatedName: renamed.generatedName }).toEqual({ name: 'Pelanggan pagi', generatedName: first.generatedName });

    await page.getByRole('link', { name: '← Persona' }).click();
    await page.getByRole('region', { name: 'Pelanggan pagi', exact: true }).waitFor();
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
  });
});
