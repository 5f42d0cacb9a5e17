import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { examplesOf } from './examples.js';
import { createProgram } from './program.js';

const leavesOf = (command: Command, path: string[] = []): Array<{ path: string; command: Command }> => (command.commands.length === 0
  ? [{ path: path.join(' '), command }]
  : command.commands.flatMap((sub) => leavesOf(sub, [...path, sub.name()])));

// the command groups whose help has been completed; the others still have options without a description
const completedGroups = ['api-keys', 'audit', 'demo', 'imports', 'migrate', 'models', 'orders', 'personas', 'rebuild', 'segments', 'serve', 'settings', 'users'];

describe('the help of every completed command group', () => {
  const { program } = createProgram();
  const leaves = program.commands.filter((command) => completedGroups.includes(command.name())).flatMap((group) => leavesOf(group, [group.name()]));

  it('describes every option', () => {
    const bare = leaves.flatMap(({ path, command }) => command.options.filter((option) => !option.description).map((option) => `${path} ${option.flags}`));
    expect(bare).toEqual([]);
  });

});

describe('the help of every command', () => {
  const { program } = createProgram();
  const leaves = leavesOf(program);

  it('shows at least one example for every command, in every group', () => {
    expect(leaves.filter(({ command }) => examplesOf(command).length === 0).map(({ path }) => path)).toEqual([]);
  });

  it('marks the options a command cannot run without as required', () => {
    const required = leaves.flatMap(({ path, command }) => command.options.filter((option) => option.mandatory).map((option) => ({ path, command, option })));
    expect(required.map(({ path, option }) => `${path} ${option.long}`)).toEqual(expect.arrayContaining(['models validate --calibration-end', 'models validate --holdout-end', 'segments create --filter']));
    // the help as printed: the option's entry, up to the next option's, wrapped over lines or not
    const entryOf = (command: Command, flags: string) => (command.helpInformation().split(`  ${flags}`)[1] ?? '').split(/\n {2}-/)[0]!;
    const unmarked = required.filter(({ command, option }) => !entryOf(command, option.flags).includes('(required)'));
    expect(unmarked.map(({ path, option }) => `${path} ${option.long}`)).toEqual([]);
  });
});
