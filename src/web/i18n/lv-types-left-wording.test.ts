import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from './messages.js';

describe('the Latvian run-analysis result', () => {
  it('says the types customers left "beigušies", not "zaudēti", a word that reads as the Lapsed type (Zaudēts) or RFM Lost (Zaudētie)', () => {
    const text = lookupMessage(messagesByLocale.lv, 'reports.analyze.done', { analysed: '1646 klienti', asOf: '2026. gada 3. dec.', entered: 3451, left: 2471, newAlerts: '', openAlerts: '', seconds: '0,2' });
    expect(text).toContain('tipi iegūti 3451, beigušies 2471;');
    expect(text).not.toMatch(/zaudēt/i);
  });
});
