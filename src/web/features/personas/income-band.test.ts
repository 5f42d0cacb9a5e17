import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { seriesLabel } from './drift-labels.js';
import { incomeBandText, parseIncomeBand } from './income-band.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const formatIn = (locale: Locale) => createFormatters(intlTagByLocale[locale], null, 'UTC');
const say = (locale: Locale, label: string) => incomeBandText(label, tIn(locale), formatIn(locale));
// Intl writes a narrow or plain no-break space between a number and its unit; the reader sees a space
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('parseIncomeBand', () => {
  it.each([
    ['<5M', { shape: 'below', amount: 5e6 }],
    ['5-10M', { shape: 'range', from: 5e6, to: 10e6 }],
    ['10-20M', { shape: 'range', from: 10e6, to: 20e6 }],
    ['>20M', { shape: 'above', amount: 20e6 }],
    ['10M-25M', { shape: 'range', from: 10e6, to: 25e6 }],
    ['25k-50k', { shape: 'range', from: 25e3, to: 50e3 }],
    ['<25k', { shape: 'below', amount: 25e3 }],
    ['100k+', { shape: 'atLeast', amount: 100e3 }],
    ['500k–1.5M', { shape: 'range', from: 500e3, to: 1.5e6 }],
    ['500-1000', { shape: 'range', from: 500, to: 1e3 }],
    ['25,000 - 50,000', { shape: 'range', from: 25e3, to: 50e3 }],
    ['<= 2bn', { shape: 'upTo', amount: 2e9 }],
  ] as const)('reads %j as its amounts', (label, band) => {
    expect(parseIncomeBand(label)).toEqual(band);
  });

  it.each(['high', 'Rp 5-10 jt', '20-10M', '500-1k', '5', '<5M+', '', 'A1-B2'])('leaves %j to be shown as written', (label) => {
    expect(parseIncomeBand(label)).toBeNull();
  });
});

describe('incomeBandText', () => {
  it('says Indonesian millions as juta (jt), never as M, which in Indonesian is miliar', () => {
    const bands = ['<5M', '5-10M', '10-20M', '>20M', '10M-25M'].map((label) => spaced(say('id', label)));
    expect(bands).toEqual(['Di bawah 5 jt', '5 jt – 10 jt', '10 jt – 20 jt', 'Di atas 20 jt', '10 jt – 25 jt']);
    for (const text of bands) expect(text).not.toMatch(/M/);
  });

  it('keeps M for miliar in Indonesian: a billion band reads as M, a million band does not', () => {
    expect(spaced(say('id', '>2bn'))).toBe('Di atas 2 M');
    expect(spaced(say('id', '>2000M'))).toBe('Di atas 2 M');
  });

  it('says thousands in Indonesian as ribu (rb)', () => {
    expect(spaced(say('id', '25k-50k'))).toBe('25 rb – 50 rb');
    expect(spaced(say('id', '100k+'))).toBe('100 rb atau lebih');
  });

  it('says Latvian millions as milj.', () => {
    expect(['<5M', '5-10M', '>20M'].map((label) => spaced(say('lv', label)))).toEqual(['Mazāk nekā 5 milj.', '5 milj. – 10 milj.', 'Vairāk nekā 20 milj.']);
  });

  it('says English bands in words with British English abbreviations', () => {
    expect(['<5M', '5-10M', '>20M', '100k+', '<=1.5M'].map((label) => say('en', label))).toEqual(['Under 5m', '5m–10m', 'Over 20m', '100k or more', 'Up to 1.5m']);
  });

  it('shows a band of no usual shape as the store wrote it', () => {
    expect(say('id', 'Rp 5-10 jt')).toBe('Rp 5-10 jt');
    expect(say('lv', 'augsti')).toBe('augsti');
  });
});

describe('seriesLabel', () => {
  it('says the income bands of a drift chart in the reader numbers, and leaves age bands and cities as written', () => {
    const [t, format] = [tIn('id'), formatIn('id')];
    expect(spaced(seriesLabel('income band', '5-10M', t, format))).toBe('5 jt – 10 jt');
    expect(seriesLabel('age band', '25-34', t, format)).toBe('25-34');
    expect(seriesLabel('city', '5-10M', t, format)).toBe('5-10M');
  });
});
