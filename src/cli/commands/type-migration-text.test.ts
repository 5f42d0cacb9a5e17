import { describe, expect, it } from 'vitest';
import type { TypeMigrationReport } from '../../reports/index.js';
import { typeMigrationText } from './store-reports-output.js';

const report = (change: Partial<TypeMigrationReport>): TypeMigrationReport => ({
  from: new Date('2023-07-02T00:00:00Z'), to: new Date('2024-07-01T00:00:00Z'), fromDay: '2023-07-01', toDay: '2024-06-30',
  historyStartsAt: new Date('2024-04-01T00:00:00Z'), historyFrom: null, firstTyped: [],
  flows: [{ fromType: 'lapsed', toType: 'lapsed', customers: 1 }, { fromType: 'new', toType: 'occasional', customers: 1 }, { fromType: 'none', toType: 'new', customers: 1 }],
  ...change,
});

describe('typeMigrationText', () => {
  it('says a range starting before the type history is read from its start, and what the first analysis typed customers as', () => {
    const text = typeMigrationText(report({ historyFrom: '2024-03-31', firstTyped: [{ type: 'lapsed', customers: 14_742 }, { type: 'new', customers: 1 }] }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('type moves from the end of 2023-07-01 to the end of 2024-06-30');
    expect(lines[1]).toBe('history starts 2024-03-31; moves since then');
    expect(text).toMatch(/new\s+occasional\s+1/);
    expect(text).toMatch(/none\s+new\s+1/);
    expect(text).toContain('1 customer kept their type');
    expect(text).toContain('the first analysis (2024-03-31) typed them first as:');
    expect(text).toMatch(/first typed as\s+customers/);
    expect(text).toMatch(/lapsed\s+14,742/);
  });

  it('says nothing of the history\'s start for a range inside it', () => {
    const text = typeMigrationText(report({ fromDay: '2024-04-01' }));
    expect(text).not.toContain('history starts');
    expect(text).not.toContain('first typed as');
  });

  it('says where the history starts when the range ends before it, with no moves', () => {
    const text = typeMigrationText(report({ fromDay: '2023-01-01', toDay: '2023-12-31', historyFrom: '2024-03-31', flows: [] }));
    expect(text.split('\n')).toEqual(['type moves from the end of 2023-01-01 to the end of 2023-12-31', 'history starts 2024-03-31; moves since then', 'no customer changed type']);
  });
});
