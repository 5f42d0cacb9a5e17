import { describe, expect, it } from 'vitest';
import { cohensD, cramersV, magnitudeOfD, magnitudeOfV } from '../../../personas/drift.js';
import type { DriftAttribute, NumericSummary, SeriesPoint } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { byLargestChange, driftBadge, driftSizeText, driftStatement, noStatisticReason, sizeOfD, sizeOfV, vThresholds } from './drift-words.js';
import type { NumericDrift } from './drift-values.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const formatIn = { en: createFormatters('en-GB', 'IDR', 'UTC'), id: createFormatters('id-ID', 'IDR', 'UTC'), lv: createFormatters('lv-LV', 'IDR', 'UTC') };
const percentIn = { en: formatIn.en.percent, id: formatIn.id.percent, lv: formatIn.lv.percent };
const say = (locale: Locale, attribute: DriftAttribute) => driftStatement(attribute, tIn(locale), percentIn[locale]);
const badge = (locale: Locale, attribute: DriftAttribute) => driftBadge(attribute, tIn(locale), formatIn[locale]);

const summary = { n: 100, mean: 40, variance: 100 };
const numeric = (attribute: string, cohensD: number | null): DriftAttribute => ({ attribute, kind: 'numeric', unit: 'customers', before: summary, after: summary, cohensD, magnitude: magnitudeOfD(cohensD) });
const categorical = (attribute: string, cramersV: number | null, totalVariation = 0.12, unit: 'customers' | 'orders' | 'amount' = 'customers'): DriftAttribute => (
  { attribute, kind: 'categorical', unit, series: [], totalVariation, cramersV, magnitude: magnitudeOfV(cramersV) });
const means = (attribute: string, before: NumericSummary, after: NumericSummary): DriftAttribute => {
  const d = cohensD(before, after);
  return { attribute, kind: 'numeric', unit: 'customers', before, after, cohensD: d, magnitude: magnitudeOfD(d) };
};
const mix = (attribute: string, series: SeriesPoint[], cramersV: number | null): DriftAttribute => (
  { attribute, kind: 'categorical', unit: 'customers', series, totalVariation: 0, cramersV, magnitude: magnitudeOfV(cramersV) });
// all customers of the synthetic demo store (1,500 customers), June–September against September–December:
// ln(1 + spend) moved by 0.13 against a spread of about 1.5 (d = 0.09); the mean spend per buyer the row
// shows, and says the move of, is set here to rise 14% (IDR 1,000,000 to 1,140,000)
const demoSpend: NumericDrift = {
  ...(means('spend (log)', { n: 542, mean: 12.864247369668547, variance: 2.269025086703405 }, { n: 587, mean: 12.995420463460345, variance: 2.1143607869751637 }) as NumericDrift),
  spendPerBuyer: { before: { meanMinor: 100_000_000, medianMinor: 40_000_000 }, after: { meanMinor: 114_000_000, medianMinor: 45_000_000 } },
};

describe('sizeOfD', () => {
  it.each([
    [0, 'negligible'], [0.19, 'negligible'], [-0.19, 'negligible'],
    [0.2, 'small'], [-0.2, 'small'], [0.49, 'small'],
    [0.5, 'medium'], [-0.5, 'medium'], [0.79, 'medium'],
    [0.8, 'large'], [-0.8, 'large'], [-1.5, 'large'],
  ] as const)('calls d = %s a %s change, whichever way it goes', (d, size) => {
    expect(sizeOfD(d)).toBe(size);
    // the same reading as the server's magnitude
    expect(magnitudeOfD(d)).toBe(size);
  });

  it('has no size without a d', () => {
    expect(sizeOfD(null)).toBeNull();
  });
});

describe('sizeOfV', () => {
  it.each([
    [0, 'negligible'], [0.099, 'negligible'], [0.1, 'small'], [0.299, 'small'], [0.3, 'medium'], [0.499, 'medium'], [0.5, 'large'], [1, 'large'],
  ] as const)('calls V = %s a %s change with one degree of freedom (two periods)', (v, size) => {
    expect(sizeOfV(v)).toBe(size);
    expect(magnitudeOfV(v)).toBe(size);
  });

  it('lowers the thresholds by √df for larger tables', () => {
    expect(vThresholds(4)).toEqual({ small: 0.05, medium: 0.15, large: 0.25 });
    expect(sizeOfV(0.05, 4)).toBe('small');
    expect(sizeOfV(0.2, 4)).toBe('medium');
    expect(sizeOfV(0.2)).toBe('small');
  });

  it('has no size without a V', () => {
    expect(sizeOfV(null)).toBeNull();
  });
});

describe('a drift row in words', () => {
  it('says which way a mean moved, in the reader\'s language', () => {
    expect(say('en', numeric('age', 0.55)).text).toBe('Customers are older');
    expect(say('en', numeric('age', -0.2)).text).toBe('Customers are younger');
    expect(say('en', numeric('spend (log)', -0.9)).text).toBe('Customers spend less');
    expect(say('en', numeric('orders per customer', 0.3)).text).toBe('Customers order more often');
    expect(say('id', numeric('age', 0.55)).text).toBe('Pelanggan lebih tua');
    expect(say('lv', numeric('age', -0.55)).text).toBe('Klienti ir jaunāki');
  });

  it('says how much of a mix moved, in the unit it was measured in', () => {
    expect(say('en', categorical('channel', 0.15, 0.12, 'orders')).text).toBe('Channel mix shifted: 12% of orders moved');
    expect(say('en', categorical('age band', 0.35, 0.3)).text).toBe('Age mix shifted: 30% of customers moved');
    expect(say('lv', categorical('channel', 0.15, 0.12, 'orders')).text).toBe('Kanālu sadalījums mainījās: pārvietojās 12% pasūtījumu');
    expect(say('id', categorical('category', 0.6, 0.4, 'amount')).text).toBe('Komposisi kategori bergeser: 40% nilai belanja berpindah');
  });

  it('tells no direction below a small change or without a statistic, only what the row is about', () => {
    expect(say('en', numeric('age', 0.19)).text).toBe('Age');
    expect(say('en', numeric('age', -0.19)).text).toBe('Age');
    expect(say('en', numeric('age', null)).text).toBe('Age');
    expect(say('en', categorical('channel', 0.09, 0.004)).text).toBe('Channel mix');
    expect(say('lv', categorical('city', null)).text).toBe('Pilsētu sadalījums');
  });

  it('names an attribute the app does not know as the server does', () => {
    expect(say('en', numeric('shoe size', 0.9)).text).toBe('shoe size went up');
    expect(say('en', numeric('shoe size', 0.1))).toEqual({ text: 'shoe size', lang: 'en' });
    expect(say('en', categorical('weather', 0.2)).text).toBe('weather shifted: 12% of customers moved');
  });

  it('puts the size in words, "no real change" below small', () => {
    expect(driftSizeText(sizeOfD(0.55), tIn('en'))).toBe('medium change');
    expect(driftSizeText(sizeOfD(0.1), tIn('en'))).toBe('no real change');
    expect(driftSizeText(sizeOfD(null), tIn('en'))).toBe('too few customers to tell');
    expect(driftSizeText(sizeOfV(0.6), tIn('lv'))).toBe('lielas izmaiņas');
    expect(driftSizeText(sizeOfV(0.12), tIn('id'))).toBe('perubahan kecil');
  });
});

describe('a mean that moved less than a small effect', () => {
  it('says by how much the shown value moved, and that this is slight next to how customers differ, not "no real change"', () => {
    expect(sizeOfD(demoSpend.kind === 'numeric' ? demoSpend.cohensD : null)).toBe('negligible');
    expect(say('en', demoSpend).text).toBe('Spend per customer up 14%');
    expect(badge('en', demoSpend)).toBe('slight next to how much customers differ');
    expect(say('id', demoSpend).text).toBe('Belanja per pelanggan naik 14%');
    expect(badge('id', demoSpend)).toBe('tipis dibanding perbedaan antarpelanggan');
    expect(say('lv', demoSpend).text).toBe('Tēriņi uz klientu: pieaugums par 14%');
    expect(badge('lv', demoSpend)).toBe('maz, salīdzinot ar to, cik atšķiras klienti');
  });

  it('says a fall as a fall', () => {
    const fewerOrders = means('orders per customer', { n: 500, mean: 3.4, variance: 6.9 }, { n: 500, mean: 3.2, variance: 6.8 });
    expect(say('en', fewerOrders).text).toBe('Orders per customer down 6%');
    expect(say('id', fewerOrders).text).toBe('Pesanan per pelanggan turun 6%');
    expect(say('lv', fewerOrders).text).toBe('Pasūtījumi uz klientu: samazinājums par 6%');
  });

  it('keeps "no real change" when the shown value moved by less than half a percent', () => {
    const age = means('age', { n: 436, mean: 36.12, variance: 135.8 }, { n: 467, mean: 36.2, variance: 142 });
    expect(say('en', age).text).toBe('Age');
    expect(badge('en', age)).toBe('no real change');
    expect(badge('lv', age)).toBe('nav būtisku izmaiņu');
  });

  it('tells no direction when there were too few customers, however far the mean moved', () => {
    const lone = means('age', { n: 1, mean: 30, variance: null }, { n: 40, mean: 50, variance: 100 });
    expect(noStatisticReason(lone)).toBe('tooFew');
    expect(say('en', lone).text).toBe('Age');
    expect(badge('en', lone)).toBe('too few customers to tell');
  });
});

describe('a mix that moved less than a small effect', () => {
  // all customers of the demo store: cake fell from 34.1% to 29.3% of spend, 6.5% of spend moved in all, V = 0.04
  const demoCategories = categorical('category', 0.0396, 0.0647, 'amount');

  it('says how much of it moved and that the mix is much the same, not "no real change"', () => {
    expect(say('en', demoCategories).text).toBe('Category mix: 6% of spend moved');
    expect(badge('en', demoCategories)).toBe('slight: the mix is much the same');
    expect(say('id', demoCategories).text).toBe('Komposisi kategori: 6% nilai belanja berpindah');
    expect(badge('id', demoCategories)).toBe('tipis: komposisinya hampir sama');
    expect(say('lv', demoCategories).text).toBe('Kategoriju sadalījums: pārvietojās 6% tēriņu');
    expect(badge('lv', demoCategories)).toBe('maz: sadalījums gandrīz tāds pats');
  });

  it('keeps "no real change" when less than half a percent moved', () => {
    const kind = categorical('kind', 0.009, 0.004);
    expect(say('en', kind).text).toBe('Mix of people and organisations');
    expect(badge('en', kind)).toBe('no real change');
  });
});

describe('a row without a statistic', () => {
  // a persona of the demo store: 214 customers bought in the earlier period and 227 in the later, every one a person
  const onlyPersons = mix('kind', [{ label: 'person', before: 1, after: 1 }], cramersV([[214], [227]]));

  it('says a mix with one value in both periods did not change, not that there were too few customers', () => {
    expect(onlyPersons.kind === 'categorical' ? onlyPersons.cramersV : undefined).toBeNull();
    expect(noStatisticReason(onlyPersons)).toBe('oneValue');
    expect(say('en', onlyPersons).text).toBe('Mix of people and organisations');
    expect(badge('en', onlyPersons)).toBe('no change: all are persons');
    expect(badge('id', onlyPersons)).toBe('tidak berubah: semuanya perorangan');
    expect(badge('lv', onlyPersons)).toBe('nav izmaiņu: visi ir privātpersonas');
    const onlyOrganisations = mix('kind', [{ label: 'organization', before: 1, after: 1 }], null);
    expect(badge('en', onlyOrganisations)).toBe('no change: all are organisations');
  });

  it('names the one value of any other mix in the reader\'s words', () => {
    const unknownIncome = mix('income band', [{ label: '(unknown)', before: 1, after: 1 }], cramersV([[47], [54]]));
    expect(badge('en', unknownIncome)).toBe('no change: only Unknown in both periods');
    expect(badge('id', unknownIncome)).toBe('tidak berubah: hanya Tidak diketahui di kedua periode');
    expect(badge('lv', unknownIncome)).toBe('nav izmaiņu: abos periodos tikai Nezināms');
    expect(badge('en', mix('city', [{ label: 'Jakarta', before: 1, after: 1 }], null))).toBe('no change: only Jakarta in both periods');
  });

  it('says too few customers only when a period counted nobody, or a mean has fewer than two values', () => {
    const emptyLater = mix('kind', [{ label: 'person', before: 1, after: 0 }], cramersV([[12], [0]]));
    expect(noStatisticReason(emptyLater)).toBe('tooFew');
    expect(badge('en', emptyLater)).toBe('too few customers to tell');
    expect(badge('lv', mix('city', [], null))).toBe('par maz klientu, lai spriestu');
    expect(noStatisticReason(means('age', { n: 2, mean: 30, variance: 50 }, { n: 2, mean: 31, variance: 50 }))).toBeNull();
    expect(noStatisticReason(means('age', { n: 0, mean: null, variance: null }, { n: 5, mean: 31, variance: 50 }))).toBe('tooFew');
  });

  it('says a mean with no spread did not change when every customer has the same value in both periods', () => {
    const oneOrderEach = means('orders per customer', { n: 30, mean: 1, variance: 0 }, { n: 25, mean: 1, variance: 0 });
    expect(noStatisticReason(oneOrderEach)).toBe('sameForAll');
    expect(badge('en', oneOrderEach)).toBe('no change: the same for every customer');
    const allMoved = means('orders per customer', { n: 30, mean: 1, variance: 0 }, { n: 25, mean: 2, variance: 0 });
    expect(noStatisticReason(allMoved)).toBe('noSpread');
    expect(say('en', allMoved).text).toBe('Orders per customer up 100%');
    expect(badge('en', allMoved)).toBe('every customer alike within each period');
  });

  it('lists a row with nothing to measure among the smallest changes, and too few customers last', () => {
    const tooFew = mix('city', [], null);
    const ordered = byLargestChange([tooFew, onlyPersons, categorical('channel', 0.05), categorical('age band', 0.2)]);
    expect(ordered.map((attribute) => attribute.attribute)).toEqual(['age band', 'channel', 'kind', 'city']);
  });
});

describe('byLargestChange', () => {
  it('lists large changes first, then by the statistic against its own small threshold, unmeasurable ones last', () => {
    const attributes = [
      numeric('age', 0.1), numeric('spend (log)', null), numeric('orders per customer', -0.9),
      categorical('channel', 0.2), categorical('city', 0.35), numeric('shoe size', 0.3), categorical('kind', 0.5),
    ];
    // 0.2/0.2 = 1 small unit for d 0.2 against 0.2/0.1 = 2 for V 0.2: the mix moved more
    expect(byLargestChange(attributes).map((attribute) => attribute.attribute)).toEqual(['kind', 'orders per customer', 'city', 'channel', 'shoe size', 'age', 'spend (log)']);
  });

  it('keeps the server\'s order between equal changes', () => {
    const attributes = [categorical('city', 0.05), categorical('kind', 0.05), numeric('age', 0)];
    expect(byLargestChange(attributes).map((attribute) => attribute.attribute)).toEqual(['city', 'kind', 'age']);
  });
});
