import type { EventEmitter } from 'node:events';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { createProgram } from './program.js';
import { refuseRepeatedValues } from './single-value-options.js';

const commandsUnder = (command: Command): Command[] => [command, ...command.commands.flatMap(commandsUnder)];
const pathOf = (command: Command): string => (command.parent ? `${pathOf(command.parent)} ${command.name()}`.trim() : '');

/**
 * The real command tree, every option watched, each command's work replaced by a note of the
 * options it was given: what commander hands a command is all these tests read, and no store opens.
 */
function watchedProgram() {
  const { program } = createProgram();
  const given: Array<{ command: string; options: Record<string, unknown> }> = [];
  for (const command of commandsUnder(program)) {
    if (command.commands.length === 0) command.action((...args: unknown[]) => void given.push({ command: pathOf(command), options: (args.at(-1) as Command).opts() }));
  }
  return { program: refuseRepeatedValues(program), given };
}

const parse = (program: Command, args: string[]) => program.parseAsync(['node', 'clientele', ...args]);

describe('an option of one value given twice', () => {
  it('is refused in every command but for the options that collect their values', () => {
    const { program } = watchedProgram();
    const repeatable: string[] = [];
    for (const command of commandsUnder(program)) {
      for (const option of command.options as readonly Option[]) {
        if (!option.required && !option.optional) continue;
        const key = option.attributeName();
        // as commander leaves a value the command line gave once
        command.setOptionValueWithSource(key, option.defaultValue ?? 'first', 'cli');
        try {
          (command as unknown as EventEmitter).emit(`option:${option.name()}`, 'second');
          repeatable.push(`${pathOf(command)} ${option.long}`.trim());
        } catch (error) {
          expect(isAppError(error) && error.code === 'CLI_ARGUMENT_INVALID', `${pathOf(command)} ${option.long}: ${String(error)}`).toBe(true);
          expect((error as Error).message).toContain(`${option.long} takes one value but was given two`);
        }
      }
    }
    expect(repeatable.sort()).toEqual(['api-keys create --scope', 'customers create --identity', 'customers update --identity', 'import --map']);
  });

  it('is refused before any command runs, naming the option and both values, the program\'s own options too', async () => {
    const { program, given } = watchedProgram();
    await expect(parse(program, ['--db', './a', 'customers', 'list', '--db', './b'])).rejects.toThrow('--db takes one value but was given two, "./a" and "./b": give it once.');
    await expect(watchedProgram().program.parseAsync(['node', 'clientele', 'segments', 'create', 'VIPs', '--filter', '{"and": []}', '--filter', '@vip.json']))
      .rejects.toThrow('--filter takes one value but was given two, "{\\"and\\": []}" and "@vip.json": give it once.');
    await expect(watchedProgram().program.parseAsync(['node', 'clientele', 'report', 'revenue', '--from', '2026-01-01', '--from', '2026-02-01']))
      .rejects.toThrow('--from takes one value but was given two, "2026-01-01" and "2026-02-01"');
    expect(given).toEqual([]);
  });

  it('still reaches the command, and a collecting option gets every value', async () => {
    const { program, given } = watchedProgram();
    await parse(program, ['import', 'orders', 'orders.csv', '--map', 'order_id=Invoice', '--map', 'amount=Total', '--preset', 'shopify']);
    expect(given).toEqual([{ command: 'import', options: expect.objectContaining({ map: ['order_id=Invoice', 'amount=Total'], preset: 'shopify' }) }]);
    const again = watchedProgram();
    // a program parsed again starts afresh, as commander restores the options' sources
    await parse(again.program, ['customers', 'list', '--type', 'vip', '--limit', '5']);
    await parse(again.program, ['customers', 'list', '--type', 'at_risk', '--limit', '5']);
    expect(again.given).toEqual([
      { command: 'customers list', options: expect.objectContaining({ type: 'vip', limit: 5 }) },
      { command: 'customers list', options: expect.objectContaining({ type: 'at_risk', limit: 5 }) },
    ]);
  });
});
