import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { createProgram } from './program.js';
import { examplesOf } from './examples.js';

/** Words of a command line as a POSIX shell splits them (quotes, no expansion). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let word: string | null = null;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    const glued = match.index === last && word !== null;
    const text = match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3];
    if (glued) word += text;
    else {
      if (word !== null) words.push(word);
      word = text;
    }
    last = match.index + match[0].length;
  }
  if (word !== null) words.push(word);
  return words;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

const globalOptionsWithValue = new Set(['--db']);
const globalFlags = new Set(['--json']);

/** Parses one `clientele …` invocation against the real command tree; returns what is wrong, or null. */
function problemOf(program: Command, words: string[]): string | null {
  if (words[0] !== 'clientele') return `starts with "${words[0]}", not clientele`;
  let command = program;
  const rest: string[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index];
    if (globalFlags.has(word)) continue;
    if (globalOptionsWithValue.has(word)) { index += 1; continue; }
    const sub = rest.length === 0 && !word.startsWith('-') ? command.commands.find((c) => c.name() === word) : undefined;
    if (sub) command = sub;
    else rest.push(word);
  }
  if (command === program) return 'names no command';
  if (command.commands.length > 0) return `"${command.name()}" needs a subcommand`;
  const { operands, unknown } = command.parseOptions(rest);
  if (unknown.length > 0) return `unknown option or argument for "${command.name()}": ${unknown.join(' ')}`;
  const declared = command.registeredArguments;
  const variadic = declared.some((argument) => argument.variadic);
  const required = declared.filter((argument) => argument.required).length;
  if (operands.length < required || (!variadic && operands.length > declared.length)) {
    return `"${command.name()}" takes ${required}–${variadic ? '∞' : declared.length} arguments, got ${operands.length}`;
  }
  operands.forEach((operand, position) => declared[Math.min(position, declared.length - 1)].parseArg?.(operand, undefined));
  const missing = command.options.filter((option) => option.mandatory && command.getOptionValue(option.attributeName()) === undefined);
  if (missing.length > 0) return `missing ${missing.map((option) => option.long).join(', ')}`;
  return null;
}

describe('CLI help examples', () => {
  const { program } = createProgram();
  const commands = allCommands(program);
  const examples = commands.flatMap((command) => examplesOf(command).map(([line]) => ({ command, line })));

  it('are written for the commands users reach for first', () => {
    const withExamples = new Set(examples.map(({ command }) => command.name()));
    for (const name of ['import', 'analyze', 'serve', 'list', 'show', 'merge', 'load', 'predict', 'validate', 'cohorts', 'set', 'create', 'preview', 'discover', 'drift']) {
      expect(withExamples, name).toContain(name);
    }
  });

  it.each(examples.map(({ command, line }) => [command.name(), line]))('%s: %s parses as the real command tree reads it', (_name, line) => {
    // a fresh tree per line: parseOptions keeps the values it reads on the command
    const { program: fresh } = createProgram();
    for (const invocation of line.split(' && ')) {
      expect(problemOf(fresh, shellWords(invocation)), invocation).toBeNull();
    }
  });

  it('shows each command its own examples in --help', () => {
    const { program: fresh } = createProgram();
    const analyze = fresh.commands.find((command) => command.name() === 'analyze')!;
    let help = '';
    analyze.configureOutput({ writeOut: (text) => { help += text; } });
    analyze.outputHelp();
    expect(help).toMatch(/Examples:\n {2}clientele analyze +# as of today/);
  });

  it('a wrong example is caught', () => {
    const { program: fresh } = createProgram();
    expect(problemOf(fresh, shellWords('clientele customers list --colour red'))).toMatch(/unknown option/);
    expect(problemOf(fresh, shellWords('clientele customers merge 12'))).toMatch(/takes 2–2 arguments, got 1/);
    expect(problemOf(fresh, shellWords('clientele report'))).toMatch(/needs a subcommand/);
    expect(problemOf(fresh, shellWords('clientele personas drift --persona 3'))).toMatch(/missing --before, --after/);
  });
});
