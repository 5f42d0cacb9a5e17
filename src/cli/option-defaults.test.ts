import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from './program.js';

const commandsUnder = (command: Command): Command[] => [command, ...command.commands.flatMap(commandsUnder)];
const pathOf = (command: Command): string => (command.parent ? `${pathOf(command.parent)} ${command.name()}`.trim() : '');

describe('an option\'s help text', () => {
  it('says its default once: commander adds "(default: …)" to an option given one, so the description does not say it too', () => {
    const { program } = createProgram();
    const doubled: string[] = [];
    for (const command of commandsUnder(program)) {
      const help = command.createHelp();
      for (const option of command.options as readonly Option[]) {
        const text = help.optionDescription(option);
        if ((text.match(/\bdefault\b/gi) ?? []).length > 1) doubled.push(`${pathOf(command)} ${option.long}: ${text}`.trim());
      }
    }
    expect(doubled).toEqual([]);
  });

  it('still says the default of report summary --days, once', () => {
    const { program } = createProgram();
    const summary = program.commands.find((command) => command.name() === 'report')!.commands.find((command) => command.name() === 'summary')!;
    const days = summary.options.find((option) => option.long === '--days')!;
    expect(summary.createHelp().optionDescription(days)).toBe('the length of each period (default: 30)');
  });
});
