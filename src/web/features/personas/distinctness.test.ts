import { describe, expect, it } from 'vitest';
import { distinctnessOf } from './distinctness.js';

describe('distinctnessOf', () => {
  it.each([
    [0.71, 'clear'], [0.51, 'clear'], [0.5, 'fair'], [0.302, 'fair'], [0.25, 'fair'],
    [0.249, 'weak'], [0.174, 'weak'], [0, 'weak'], [-0.3, 'weak'],
  ] as const)('reads a mean silhouette of %s as %s', (silhouette, level) => {
    expect(distinctnessOf(silhouette)).toBe(level);
  });

  it('says nothing without a silhouette', () => {
    expect(distinctnessOf(null)).toBeNull();
    expect(distinctnessOf(Number.NaN)).toBeNull();
  });
});
