import { describe, expect, it } from 'vitest';
import { defaultTypePolicy, parseTypePolicy, type TypePolicy } from '../../../analytics/policy.js';
import { mergePolicy } from '../../../analytics/policy.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { numericPolicyFields, parsePolicyValue, policyChange, policyDraft, policyValueText } from './policy-fields.js';

const withValue = (path: string, value: number): unknown => {
  const [head, leaf] = path.split('.');
  return mergePolicy(defaultTypePolicy, leaf === undefined ? { [head]: value } : { [head]: { [leaf]: value } });
};
const serverAccepts = (path: string, value: number) => {
  try {
    parseTypePolicy(withValue(path, value));
    return true;
  } catch {
    return false;
  }
};

describe('the policy form fields', () => {
  it('cover every numeric threshold of the policy, and nothing else', () => {
    const leaves = (node: unknown, prefix = ''): string[] => Object.entries(node as Record<string, unknown>)
      .flatMap(([key, value]) => (typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : typeof value === 'number' ? [`${prefix}${key}`] : []));
    expect(numericPolicyFields.map((field) => field.path).sort()).toEqual(leaves(defaultTypePolicy).sort());
  });

  it.each(numericPolicyFields.map((field) => [field.path, field] as const))('%s accepts exactly what the server accepts at its bounds', (path, field) => {
    const scale = field.isShare ? 100 : 1;
    const step = field.isWhole ? 1 : 0.01;
    const probes = [field.min.value - step, field.min.value, field.min.value + step];
    // a field without a maximum must be one the server takes any size of
    probes.push(...(field.max ? [field.max.value - step, field.max.value, field.max.value + step] : [1e15]));
    if (field.isWhole) probes.push(field.min.value + 0.5);
    for (const shown of probes) {
      const kept = parsePolicyValue(field, String(shown));
      expect({ shown, formAccepts: kept !== null }).toEqual({ shown, formAccepts: serverAccepts(path, shown / scale) });
    }
  });
});

describe('policyDraft and policyChange', () => {
  it('shows shares as percentages without floating-point noise, and sends nothing when nothing changed', () => {
    const draft = policyDraft(defaultTypePolicy);
    expect(draft.numbers['lapsed.pAliveBelow']).toBe('30');
    expect(draft.numbers['occasional.promotionDrivenShare']).toBe('50');
    expect(policyChange(defaultTypePolicy, draft)).toEqual({ change: {}, invalidPaths: [] });
  });

  it('sends only what changed, nested and in the server units', () => {
    const draft = policyDraft(defaultTypePolicy);
    draft.numbers['vip.topPercent'] = '3';
    draft.numbers['lapsed.pAliveBelow'] = '25';
    draft.numbers.newWithinDays = '14';
    draft.vipBasis = 'frequency';
    const { change, invalidPaths } = policyChange(defaultTypePolicy, draft);
    expect(invalidPaths).toEqual([]);
    expect(change).toEqual({ newWithinDays: 14, vip: { topPercent: 3, basis: 'frequency' }, lapsed: { pAliveBelow: 0.25 } });
    const merged = parseTypePolicy(mergePolicy(defaultTypePolicy, change)) as TypePolicy;
    expect(merged.lapsed.quietDays).toBe(180);
  });

  it('edits the silence P(alive) waits for in days, 0 turning the wait off', () => {
    const draft = policyDraft(defaultTypePolicy);
    expect(draft.numbers['lapsed.pAliveMinQuietDays']).toBe('180');
    draft.numbers['lapsed.pAliveMinQuietDays'] = '0';
    expect(policyChange(defaultTypePolicy, draft)).toEqual({ change: { lapsed: { pAliveMinQuietDays: 0 } }, invalidPaths: [] });
  });

  it('names every field whose text is not acceptable', () => {
    const draft = policyDraft(defaultTypePolicy);
    draft.numbers['loyal.periodMonths'] = '1.5';
    draft.numbers['vip.topPercent'] = '';
    draft.numbers['atRisk.overdueFactor'] = 'two';
    expect(policyChange(defaultTypePolicy, draft).invalidPaths).toEqual(['loyal.periodMonths', 'vip.topPercent', 'atRisk.overdueFactor']);
  });
});

describe('policyValueText', () => {
  const field = (path: string) => numericPolicyFields.find((candidate) => candidate.path === path)!;

  it('says a default in the reader\'s numbers, shares as percentages', () => {
    const latvian = createFormatters(intlTagByLocale.lv, null, 'UTC');
    const indonesian = createFormatters(intlTagByLocale.id, null, 'UTC');
    expect(policyValueText(defaultTypePolicy, field('alerts.zThreshold'), latvian)).toBe('3,5');
    expect(policyValueText(defaultTypePolicy, field('alerts.zThreshold'), indonesian)).toBe('3,5');
    expect(policyValueText(defaultTypePolicy, field('occasional.promotionDrivenShare'), latvian)).toBe('50');
    expect(policyValueText(defaultTypePolicy, field('lapsed.pAliveBelow'), createFormatters(intlTagByLocale.en, null, 'UTC'))).toBe('30');
  });
});
