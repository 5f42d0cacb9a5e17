import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { addDays } from '../../core/clock.js';
import { periodsEndingAt, startOfDay } from '../../reports/period.js';
import { createProgram } from '../program.js';
import { examplesOf } from '../examples.js';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthOf = (day: string) => `${months[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
const isFirstOfMonth = (day: string) => day.endsWith('-01');

function summaryCommand(): Command {
  const { program } = createProgram();
  return program.commands.find((command) => command.name() === 'report')!.commands.find((command) => command.name() === 'summary')!;
}

/** The value after an option in an example line, e.g. --days 31. */
const optionValue = (line: string, option: string) => line.split(' ')[line.split(' ').indexOf(option) + 1];

describe('report summary help examples', () => {
  const examples = examplesOf(summaryCommand()).filter(([line, note]) => line.includes('--as-of') && note !== undefined);

  it('has an example ending with a past day', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map(([line, note]) => [line, note!]))('%s: says the periods the report covers (%s)', (line, note) => {
    const asOf = optionValue(line, '--as-of');
    const days = Number(optionValue(line, '--days'));
    // the as-of day counted to its end, as reportSummary does; the day, not the zone, decides the periods
    const { current, previous } = periodsEndingAt(new Date(startOfDay(addDays(asOf, 1), 'UTC').getTime() - 1), days, 'UTC');
    // a note naming months ("August 2026 against July 2026") holds only when each period is that calendar month whole
    expect(note.startsWith(`${monthOf(current.from)} against ${monthOf(previous.from)}`), `${current.from}..${current.to} against ${previous.from}..${previous.to}`).toBe(true);
    for (const period of [current, previous]) {
      expect(isFirstOfMonth(period.from) && isFirstOfMonth(period.to) && monthOf(period.from) === monthOf(addDays(period.to, -1)), `${period.from}..${period.to}`).toBe(true);
    }
  });
});
