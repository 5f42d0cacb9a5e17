import type { z } from 'zod';
import { shownValue } from './usage-errors.js';

type Issue = z.core.$ZodIssue;

const counted = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

/**
 * What an option takes, said from a zod issue of the API's schema about its value: a schema's own
 * wording ("Too big: expected string to have <=10 characters", "Invalid option: expected one of
 * …") is written for a developer reading a request body, not for someone typing an option.
 */
function requirementOf(issue: Issue, value: string | undefined): string | null {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return value !== undefined && value.trim() === '' ? 'a value that is not blank' : `at least ${counted(Number(issue.minimum), 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `at least ${counted(Number(issue.minimum), 'value')}`;
      return `a number of ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `at most ${counted(Number(issue.maximum), 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `at most ${counted(Number(issue.maximum), 'value')}`;
      return `a number of ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'a number' : null;
    default:
      return null;
  }
}

/**
 * A refusal of an option's value as a sentence naming the option and what to write instead:
 * "--status takes one of real, lead, not buyer." An issue the product worded itself (a refinement:
 * "\"XX\" is not a currency Clientele knows: use an ISO 4217 code such as EUR…") keeps its words after the option.
 * `example` (e.g. `--name "Kopi Kita"`) is added to a requirement said in general terms.
 */
export function optionIssueMessage(option: string, issue: Issue, value?: string, example?: string): string {
  const requirement = requirementOf(issue, value);
  if (requirement === null) return `${option}: ${issue.message.replace(/\.$/, '')}.`;
  const given = value === undefined ? '' : `, not ${shownValue(value)}`;
  return `${option} takes ${requirement}${example ? ` (e.g. ${example})` : ''}${given}.`;
}
