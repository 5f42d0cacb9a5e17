import type { EventEmitter } from 'node:events';
import type { Command, Option } from 'commander';
import { AppError } from '../core/errors.js';

/** What to do instead, said after the refusal: e.g. the segment filter that combines both values. */
export type RepeatAdvice = (option: string, first: string, second: string) => string | undefined;

const adviceByCommand = new WeakMap<Command, RepeatAdvice>();
const watched = new WeakSet<Option>();

/** Advice for a command's options given twice, added to the refusal (refuseRepeatedValues). */
export function adviseOnRepeat(command: Command, advice: RepeatAdvice): Command {
  adviceByCommand.set(command, advice);
  return command;
}

/**
 * An option that collects what it is given (a list default, as `--map` and `--identity` have, or
 * `<value...>`) is meant to repeat; a flag repeated says the same thing twice.
 */
const takesOneValue = (option: Option) => (option.required || option.optional) && !option.variadic && !Array.isArray(option.defaultValue);

const shown = (value: string | undefined) => (value === undefined || value === null ? '(no value)' : JSON.stringify(String(value).slice(0, 40)));

/**
 * Refuses an option of one value given twice, in this command and every command under it:
 * commander keeps the last value, so `--type vip --type at_risk` would list at_risk alone and
 * say nothing. The API refuses a repeated query parameter the same way (REQUEST_INVALID).
 * Called again on the same tree, it watches each option once.
 */
export function refuseRepeatedValues(command: Command): Command {
  for (const option of command.options as readonly Option[]) {
    if (!takesOneValue(option) || watched.has(option)) continue;
    watched.add(option);
    const key = option.attributeName();
    const flag = option.long ?? option.short ?? option.flags;
    let first: string | undefined;
    // before commander's own listener, which would overwrite the first value (a Command is an EventEmitter; its typings declare only `on`)
    (command as unknown as EventEmitter).prependListener(`option:${option.name()}`, (value: string | undefined) => {
      if (command.getOptionValueSource(key) !== 'cli') {
        first = value;
        return;
      }
      const advice = adviceByCommand.get(command)?.(flag, String(first), String(value));
      throw new AppError('CLI_ARGUMENT_INVALID', `${flag} takes one value but was given two, ${shown(first)} and ${shown(value)}: give it once.${advice ? ` ${advice}` : ''}`, { field: flag });
    });
  }
  for (const subcommand of command.commands) refuseRepeatedValues(subcommand);
  return command;
}
