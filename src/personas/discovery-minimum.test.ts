import { describe, expect, it } from 'vitest';
import { minimumBuyersForDiscovery } from './discovery-minimum.js';

describe('minimumBuyersForDiscovery', () => {
  it.each([
    [{}, 24], [{ kMax: 12 }, 36], [{ k: 5 }, 20], [{ k: 2 }, 20], [{ k: 10, kMax: 4 }, 30],
  ] as const)('asks %j for at least %i buyers: three per cluster tried, never fewer than 20', (options, minimum) => {
    expect(minimumBuyersForDiscovery(options)).toBe(minimum);
  });
});
