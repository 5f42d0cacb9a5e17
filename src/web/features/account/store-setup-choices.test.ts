import { describe, expect, it } from 'vitest';
import { isKnownCurrency } from '../../../core/money.js';
import { isIanaTimeZoneName, isPhoneCountry } from '../../../core/store-choices.js';
import { currentCountryCodes } from '../customers/countries.js';
import { countriesWithoutPhonePlan, currencyChoices, phoneCountryChoices, timeZoneChoices } from './store-setup-choices.js';

describe('the choices of the Store page', () => {
  it('offers exactly what the server takes: its currencies, and the current countries with phone numbers', () => {
    expect(currencyChoices('en-GB').every((choice) => isKnownCurrency(choice.value))).toBe(true);
    expect(currencyChoices('en-GB').find((choice) => choice.value === 'EUR')?.label).toBe('EUR · Euro');
    expect(currentCountryCodes.filter((code) => !isPhoneCountry(code)).sort()).toEqual([...countriesWithoutPhonePlan].sort());
    expect(phoneCountryChoices('lv-LV', 'LV').find((choice) => choice.value === 'LV')?.label).toBe('Latvija (LV)');
    expect(phoneCountryChoices('en-GB', 'ID').some((choice) => choice.value === 'AQ')).toBe(false);
  });

  it("lists time zones the server takes, and keeps the store's own when the browser does not list it", () => {
    const zones = timeZoneChoices('Asia/Jakarta');
    expect(zones.every((choice) => isIanaTimeZoneName(choice.value))).toBe(true);
    expect(zones.map((choice) => choice.value)).toEqual(expect.arrayContaining(['Europe/Riga', 'UTC', 'Asia/Jakarta']));
    expect(timeZoneChoices('Etc/GMT+5').some((choice) => choice.value === 'Etc/GMT+5')).toBe(true);
  });
});
