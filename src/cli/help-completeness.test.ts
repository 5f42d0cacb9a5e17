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

  it('shows at least one example for every command', () => {
    expect(leaves.filter(({ command }) => examplesOf(command).length === 0).map(({ path }) => path)).toEqual([]);
  });
});
