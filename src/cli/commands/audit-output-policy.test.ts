import { describe, expect, it } from 'vitest';
import { auditDetailText } from './audit-output.js';

describe('a type policy change in the audit log', () => {
  it.each([
    ['reads each threshold that changed from → to, by the path policy set takes', { thresholds: { newWithinDays: { from: 30, to: 40 }, 'vip.basis': { from: 'revenue', to: 'frequency' } } },
      'newWithinDays: 30 → 40; vip.basis: revenue → frequency'],
    ['reads an older entry, which kept only the change asked for, as the values asked for', { change: { newWithinDays: 40, vip: { topPercent: 3 } } },
      'newWithinDays: → 40; vip.topPercent: → 3'],
  ])('%s', (_, detail, text) => {
    expect(auditDetailText(detail)).toBe(text);
  });
});
