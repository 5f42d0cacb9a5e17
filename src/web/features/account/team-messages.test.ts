import { describe, expect, it } from 'vitest';
import { messagesByLocale } from '../../i18n/messages.js';

/** Every text under settings.team, by key. */
function teamTexts(node: unknown, path = 'settings.team'): Array<[string, string]> {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => teamTexts(value, `${path}.${key}`));
}

// a staff member may be anyone: "viņš"/"izrakstīts" (he, signed out as a man) was wrong for every woman on the team, as
// "nav izvēlējies paroli" (he has not chosen) was: the password is the subject ("Parole vēl nav izvēlēta")
const gendered = {
  lv: /(^|[^\p{L}])(viņš|viņa|viņu|viņam|viņai|viņas|izrakstīts|izrakstīta|pievienots|pievienota|izvēlējies|izvēlējusies)(?![\p{L}])/iu,
  en: /\b(he|she|him|his|her|hers)\b/i,
  id: /\b(dia laki-laki|dia perempuan|beliau)\b/i,
};

describe('the team messages', () => {
  it.each(Object.entries(gendered))('speak of a staff member without assuming their gender (%s)', (locale, pattern) => {
    const texts = teamTexts((messagesByLocale[locale as keyof typeof messagesByLocale] as { settings: { team: unknown } }).settings.team);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter(([, text]) => pattern.test(text))).toEqual([]);
  });
});
