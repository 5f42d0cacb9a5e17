import { describe, expect, it } from 'vitest';
import { personaName, uniqueNames, type PersonaTrait } from './persona-names.js';
import { adjustedRandIndex, silhouetteScore } from './cluster-quality.js';

const trait = (word: string, group: PersonaTrait['group'], difference: number): PersonaTrait => ({ column: word, group, word, difference });

describe('persona names', () => {
  it('puts adjectives first, then the channel, then the category', () => {
    expect(personaName([trait('coffee', 'category', 2), trait('young', 'age', -1.5), trait('mobile', 'channel', 1.2), trait('big-city', 'city', 0.9)])).toBe('young big-city, mobile, coffee');
  });

  it('uses at most four traits and says so when nothing stands out', () => {
    expect(personaName([trait('tea', 'category', 3), trait('marketplace', 'channel', 2), trait('low-spend', 'spend', -1.5), trait('occasional', 'frequency', -1), trait('young', 'age', -0.9)])).toBe('occasional low-spend, marketplace, tea');
    expect(personaName([])).toBe('typical customers');
  });

  it('numbers names that repeat', () => {
    expect(uniqueNames(['a', 'b', 'a'])).toEqual(['a', 'b', 'a (2)']);
  });
});

describe('cluster quality', () => {
  it('scores identical partitions 1 whatever the labels, and chance-level ones near 0', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], ['b', 'b', 'a', 'a', 'c', 'c'])).toBe(1);
    // by hand: one item moved; pair index 4, expected 2.8, maximum 6.5 → 1.2 / 3.7
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1])).toBeCloseTo(0.3243, 4);
    expect(Math.abs(adjustedRandIndex([0, 1, 0, 1, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0, 1, 1]))).toBeLessThan(0.2);
  });

  it('gives well separated clusters a silhouette near 1', () => {
    const points = [[0, 0], [0, 1], [10, 0], [10, 1]];
    expect(silhouetteScore(points, [0, 0, 1, 1])).toBeGreaterThan(0.9);
    expect(silhouetteScore(points, [0, 1, 0, 1])).toBeLessThan(0);
  });
});
