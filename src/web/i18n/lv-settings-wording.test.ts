import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.js';
import { lookupMessage, messagesByLocale } from './messages.js';

const lv = messagesByLocale.lv;
const say = (key: string, variables?: Record<string, string | number>) => lookupMessage(lv, key, variables);

describe('the Latvian wording of settings and reports', () => {
  it('says a fixed store setting is "nemaināma": currency (valūta), time zone (laika josla) and phone country (valsts) are all feminine', () => {
    // the three fields the reasons are shown under, as the store page names them
    expect([say('settings.store.currency'), say('settings.store.timeZone'), say('settings.store.defaultCountry')].map((label) => label.split(' ')[0]))
      .toEqual(['Valūta', 'Laika', 'Valsts']);
    const reasons = Object.keys(lv.settings.store.fixedBecause).map((code) => say(`settings.store.fixedBecause.${code}`, { segments: '“VIP”', file: 'x.csv' }));
    expect(reasons.length).toBeGreaterThan(3);
    for (const reason of reasons) {
      expect(reason).toMatch(/^Nemaināma[,:]/);
      expect(reason).not.toMatch(/(^|[^\p{L}])tā\.$/u);
    }
    expect(say('settings.store.fixedBecause.orders')).toMatch(/atkarīgas no tās\.$/);
  });

  it('lists what an admin manages as what they do, not after "izņemot" as if it were the exceptions', () => {
    const admin = say('settings.roleDescriptions.admin');
    const [manages, except] = admin.split('izņemot');
    expect(except).toBeDefined();
    for (const item of ['komandu', 'API atslēgas', 'iestatījumus', 'audita žurnālu']) {
      expect(manages).toContain(item);
      expect(except).not.toContain(item);
    }
  });

  it('says when a report stands in the locative, without "uz"', () => {
    const format = createFormatters('lv-LV', 'EUR', 'UTC');
    expect(say('reports.common.asOfDay', { date: format.date('2026-05-07') })).toBe('Stāvoklis 2026. gada 7. maijā');
  });

  it('names the RFM group and segments in plain Latvian', () => {
    expect(say('rfmSegments.Need attention')).toBe('Vajadzīga uzmanība');
    expect(say('segments.intro')).toContain('klientu filtrs');
    expect(say('segments.intro')).not.toContain('pār klientiem');
  });

  it('writes the not-found text without a comma before "vai"', () => {
    expect(say('notFound.body')).not.toMatch(/, vai\b/);
  });
});
