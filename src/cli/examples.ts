import type { Command } from 'commander';

/** One example: a command line as a user types it, and what it does. */
export type Example = readonly [line: string, note?: string];

const examplesByCommand = new WeakMap<Command, readonly Example[]>();

/**
 * Adds an "Examples:" block to a command's help. The examples are kept with the command so a test
 * can check that every one of them names real commands and options (cli/examples.test.ts).
 */
export function withExamples(command: Command, examples: readonly Example[], heading = 'Examples'): Command {
  examplesByCommand.set(command, examples);
  const width = Math.max(...examples.map(([line, note]) => (note ? line.length : 0)));
  const lines = examples.map(([line, note]) => `  ${note ? `${line.padEnd(width)}  # ${note}` : line}`);
  return command.addHelpText('after', `\n${heading}:\n${lines.join('\n')}`);
}

export function examplesOf(command: Command): readonly Example[] {
  return examplesByCommand.get(command) ?? [];
}
