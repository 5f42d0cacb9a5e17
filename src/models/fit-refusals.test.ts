import { describe, expect, it } from 'vitest';
import { notConvergedAdvice } from './fit-refusals.js';
import { largestPenalty } from './penalty-limit.js';

const enoughData = { customers: 3_898, repeatBuyers: 3_549 };
// Groceries' BG/NBD fit with a penalty: every parameter shrunk towards 0, α far past the edge
const ranToZero = { params: { r: 0.00285, alpha: 3.79e-138, a: 3.11e-18, b: 2.55e-16 } };
const sensible = { params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } };

describe('the advice after a fit that did not converge, at the edges of the penalty', () => {
  it('never suggests a penalty above the largest the CLI accepts', () => {
    for (const penalty of [0, 0.1, 1, 10, 20, 50, 99]) {
      const advice = notConvergedAdvice(penalty, enoughData, sensible);
      const suggested = /--penalty ([\d.]+)\)/.exec(advice);
      expect(suggested, advice).not.toBeNull();
      expect(Number(suggested![1])).toBeLessThanOrEqual(largestPenalty);
      expect(Number(suggested![1])).toBeGreaterThan(penalty);
    }
    expect(notConvergedAdvice(10, enoughData, sensible)).toContain(`(--penalty ${largestPenalty})`);
    expect(notConvergedAdvice(50, enoughData, sensible)).toContain(`(--penalty ${largestPenalty})`);
  });

  it('at the largest penalty says the data do not support the model and what to do instead, naming the doc section', () => {
    const advice = notConvergedAdvice(largestPenalty, enoughData, sensible);
    expect(advice).not.toMatch(/--penalty \d/);
    expect(advice).toContain(`the largest L2 penalty (${largestPenalty})`);
    expect(advice).toContain('these purchases do not support the BG/NBD or Pareto/NBD model');
    expect(advice).toContain('predict again when the store has a longer history');
    expect(advice).toContain('(docs/models.md, "Fits no penalty settles")');
  });

  it('stops suggesting larger penalties once a penalised fit ran a parameter towards 0, which a larger penalty only pushes further', () => {
    for (const penalty of [0.1, 1, 10]) {
      const advice = notConvergedAdvice(penalty, enoughData, ranToZero);
      expect(advice).not.toMatch(/--penalty \d/);
      expect(advice).toContain(`Even with the L2 penalty ${penalty} the fit ran alpha towards 0 (alpha=3.79e-138)`);
      expect(advice).toContain('(docs/models.md, "Fits no penalty settles")');
    }
    // without a penalty one is still worth a try
    expect(notConvergedAdvice(0, enoughData, ranToZero)).toContain('--penalty 0.1');
  });
});
