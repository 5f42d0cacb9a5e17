import { describe, expect, it } from 'vitest';
import { customerBodyOf, identityOf } from './customer-options.js';

const options = (given: Record<string, unknown>) => ({ identity: [], ...given });

describe('customerBodyOf', () => {
  it('sends only the options given, a blank one as a cleared field', () => {
    expect(customerBodyOf(options({ city: 'Bandung', phone: '', birthYear: '' }))).toEqual({ city: 'Bandung', phone: null, birthYear: null });
  });

  it('reads consent as yes, no or unknown (cleared)', () => {
    expect(customerBodyOf(options({ consentEmail: 'yes', consentSms: 'No', consentProfiling: 'unknown' }))).toEqual({ consentEmail: true, consentSms: false, consentProfiling: null });
    expect(() => customerBodyOf(options({ consentSms: 'maybe' }))).toThrow('--consent-sms: "maybe" is not yes, no or unknown.');
    expect(customerBodyOf(options({ consentWhatsapp: 'ya' }))).toEqual({ consentWhatsapp: true });
    expect(customerBodyOf(options({ consentWhatsapp: 'tidak' }))).toEqual({ consentWhatsapp: false });
    expect(() => customerBodyOf(options({ consentWhatsapp: 'mungkin' }))).toThrow('--consent-whatsapp: "mungkin" is not yes, no or unknown.');
  });

  it("refuses what the API's schema refuses, naming the option", () => {
    expect(() => customerBodyOf(options({ country: 'XX' }))).toThrow('--country: "XX" is not a two-letter ISO 3166-1 country code such as ID or LV, or a country\'s name in English, Indonesian or Latvian.');
    expect(() => customerBodyOf(options({ kind: 'robot' }))).toThrow('--kind takes one of person, organization, not robot.');
    expect(() => customerBodyOf(options({ birthYear: '85' }))).toThrow('--birth-year: "85" is not a year such as 1985.');
    expect(customerBodyOf(options({ country: 'uk' }))).toEqual({ country: 'GB' });
    expect(customerBodyOf(options({ country: 'Latvija' }))).toEqual({ country: 'LV' });
    expect(() => customerBodyOf(options({ country: 'Lettland' }))).toThrow('--country: "Lettland" is not a two-letter ISO 3166-1 country code');
  });

  it('reads identities as email:, phone: or an external <namespace>:<id>', () => {
    expect(customerBodyOf(options({ identity: ['email:ana@example.com', 'loyalty_card:LC-1473:7'] })).identities).toEqual([
      { kind: 'email', value: 'ana@example.com' }, { kind: 'external', namespace: 'loyalty_card', value: 'LC-1473:7' },
    ]);
    expect(identityOf('phone:+62 812 3456 789')).toEqual({ kind: 'phone', value: '+62 812 3456 789' });
    expect(() => identityOf('LC-1473')).toThrow(/--identity: "LC-1473" is not kind:value/);
  });
});
