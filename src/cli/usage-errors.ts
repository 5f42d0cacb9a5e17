import { InvalidArgumentError, type Argument, type Command, type CommanderError, type Option } from 'commander';
import { AppError, isAppError } from '../core/errors.js';

/** A value as a refusal shows it: as typed, quoted when blank or holding spaces, cut at 40 characters. */
export function shownValue(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return cut.trim() === '' || /\s/.test(cut) ? JSON.stringify(cut) : cut;
}

/** A positional as help shows it: `<user>`, `[segment]`, `[customerIds...]`. */
export function argumentTerm(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

/**
 * The refusal of a value an option's or a positional's parser would not take, naming it as typed:
 * a parser's reason (InvalidArgumentError, worded as what it takes: "a whole number from 1 to 500")
 * becomes "--limit takes a whole number from 1 to 500, not abc.", where commander would print its
 * own lowercase "option '--limit <n>' argument 'abc' is invalid." and the help.
 */
function refusalOf(error: unknown, field: string, value: string): unknown {
  if (error instanceof InvalidArgumentError) return new AppError('CLI_ARGUMENT_INVALID', `${field} takes ${error.message.replace(/\.$/, '')}, not ${shownValue(value)}.`, { field });
  if (isAppError(error) && error.code === 'CLI_ARGUMENT_INVALID') return new AppError(error.code, error.message, { ...error.details, field });
  return error;
}

const wrapped = new WeakSet<Option | Argument>();

function wrapParser(item: Option | Argument, field: string): void {
  const parse = item.parseArg;
  if (!parse || wrapped.has(item)) return;
  wrapped.add(item);
  item.parseArg = <T>(value: string, previous: T): T => {
    try {
      return parse(value, previous) as T;
    } catch (error) {
      throw refusalOf(error, field, value);
    }
  };
}

/** Names the option or positional in every refusal of its parsers, in this command and every command under it. */
export function nameParserRefusals(command: Command): Command {
  for (const option of command.options as readonly Option[]) wrapParser(option, option.long ?? option.flags);
  for (const argument of command.registeredArguments) wrapParser(argument, argumentTerm(argument));
  for (const subcommand of command.commands) nameParserRefusals(subcommand);
  return command;
}

/** The command the words of `args` name (`api-keys create`…), or the program when they name none. */
export function commandOf(program: Command, args: string[]): Command {
  let current = program;
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const next = current.commands.find((command) => command.name() === arg || command.aliases().includes(arg));
    if (!next) {
      if (current !== program) break;
      continue;
    }
    current = next;
  }
  return current;
}

const commandWords = (command: Command): string => {
  const words: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) words.unshift(current.name());
  return words.join(' ');
};

/** The options a command line may give there: the command's and those of the commands above it (--db, --json). */
const optionsOf = (command: Command): Option[] => {
  const options: Option[] = [];
  for (let current: Command | null = command; current; current = current.parent) options.push(...(current.options as readonly Option[]));
  return options;
};

const kebab = (field: string) => field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The API's names of fields whose CLI option is named otherwise. */
const optionNameOfField: Record<string, string> = { scopes: 'scope', defaultCountry: 'country', q: 'query', rfmSegment: 'segment' };

/**
 * The `field` of an error as the command line names it: the option as typed (`--scope`, not the
 * API's `scopes`) or the positional as its help shows it (`<user>`, not `userId`). A field the
 * command has no option or positional for (an environment variable, a row's column) stays.
 */
export function cliFieldOf(command: Command, field: string): string {
  if (/^(-|<|\[)/.test(field) || /^[A-Z][A-Z0-9_]*$/.test(field)) return field;
  const optionName = optionNameOfField[field] ?? field;
  const option = optionsOf(command).find((candidate) => candidate.long !== undefined && (candidate.attributeName() === optionName || candidate.long === `--${kebab(optionName)}`));
  if (option?.long) return option.long;
  const byId = field.endsWith('Id') ? field.slice(0, -2) : null;
  const argument = command.registeredArguments.find((candidate) => candidate.name() === field)
    ?? command.registeredArguments.find((candidate) => byId !== null && candidate.name() === byId)
    ?? command.registeredArguments.find((candidate) => byId !== null && candidate.name() === 'id');
  return argument ? argumentTerm(argument) : field;
}

/** An app error with its field named as on the command line. */
export function withCliField(error: AppError, command: Command): AppError {
  const field = error.details.field;
  if (typeof field !== 'string') return error;
  const named = cliFieldOf(command, field);
  if (named === field) return error;
  const shown = new AppError(error.code, error.message, { ...error.details, field: named });
  shown.stack = error.stack;
  return shown;
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** What a command line must add: `--holdout-end <date> (YYYY-MM-DD: …)`. */
const optionWithDescription = (option: Option | undefined, flags: string) => (option?.description ? `${flags} (${option.description})` : flags);

/**
 * A commander parse error (unknown option, missing value…) as an app error in the project's words,
 * naming the option or positional at fault in `field` and the help to read in `hint`.
 */
export function describeUsageError(error: CommanderError, program: Command, argv: string[] = process.argv): AppError {
  const command = commandOf(program, argv.slice(2));
  const words = commandWords(command);
  const details = { commander: error.code, hint: `Run \`${words} --help\` for its usage.` };
  const text = error.message.replace(/^error:\s*/, '');
  const refuse = (message: string, field?: string) => new AppError('CLI_ARGUMENT_INVALID', message, field ? { ...details, field } : details);
  const optionOfFlags = (flags: string) => optionsOf(command).find((option) => option.flags === flags);
  const suggestion = /\(Did you mean (.+)\?\)/.exec(text)?.[1];
  switch (error.code) {
    case 'commander.help':
      return refuse(`Give a command. Run \`${words} --help\` for the list.`);
    case 'commander.missingMandatoryOptionValue': {
      const flags = /required option '([^']+)'/.exec(text)?.[1] ?? '';
      const option = optionOfFlags(flags);
      const long = option?.long ?? flags.split(' ')[0]!;
      return refuse(`${long} is required: add ${optionWithDescription(option, flags)}.`, long);
    }
    case 'commander.optionMissingArgument': {
      const flags = /option '([^']+)' argument missing/.exec(text)?.[1] ?? '';
      const option = optionOfFlags(flags);
      const long = option?.long ?? flags.split(' ')[0]!;
      return refuse(`${long} needs a value: write ${optionWithDescription(option, flags)}.`, long);
    }
    case 'commander.missingArgument': {
      const name = /missing required argument '([^']+)'/.exec(text)?.[1] ?? '';
      const argument = command.registeredArguments.find((candidate) => candidate.name() === name);
      const term = argument ? argumentTerm(argument) : `<${name}>`;
      return refuse(`${term} is missing: write \`${words} ${term}\`${argument?.description ? `, ${term} being ${argument.description}` : ''}.`, term);
    }
    case 'commander.unknownOption': {
      const option = /unknown option '([^']+)'/.exec(text)?.[1] ?? '';
      return refuse(`${option} is not an option of ${words}${suggestion ? `: did you mean ${suggestion}?` : '.'}`, option);
    }
    case 'commander.unknownCommand': {
      const name = /unknown command '([^']+)'/.exec(text)?.[1] ?? '';
      return refuse(`${name} is not a command of ${words}${suggestion ? `: did you mean ${suggestion}?` : `; run \`${words} --help\` for the list.`}`);
    }
    case 'commander.excessArguments': {
      const [, expected, given] = /Expected (\d+) arguments? but got (\d+)/.exec(text) ?? [];
      const terms = command.registeredArguments.map(argumentTerm).join(' ');
      if (expected === undefined) return refuse(capitalized(text));
      return refuse(`${words} takes ${expected === '0' ? 'no arguments' : `${expected} argument${expected === '1' ? '' : 's'} (${terms})`}, not ${given}; quote a value that has spaces in it.`);
    }
    default:
      return refuse(capitalized(text));
  }
}
