import { AppError } from '../../core/errors.js';
import { createCustomerSchema } from '../../customers/customers.schemas.js';
import { futureBirthYearProblem } from '../../customers/birth-year.js';
import { normaliseExternalNamespace } from '../../customers/identity.js';
import { booleanOf } from '../../ingest/rows/synonyms.js';
import { optionIssueMessage } from '../option-issue.js';

/** The profile options of `customers create` and `customers update`, as commander gives them (text, or undefined when not given). */
export type CustomerOptions = {
  kind?: string; name?: string; email?: string; phone?: string; birthYear?: string; gender?: string; city?: string; region?: string; country?: string;
  incomeBand?: string; consentEmail?: string; consentSms?: string; consentWhatsapp?: string; consentProfiling?: string; identity: string[];
};

const textFields = ['kind', 'name', 'email', 'phone', 'gender', 'city', 'region', 'country', 'incomeBand'] as const;
const consentFields = ['consentEmail', 'consentSms', 'consentWhatsapp', 'consentProfiling'] as const;

/** `--birth-year` for `birthYear`, `--identity` for an item of `identities`. */
const optionOf = (field: string) => (field === 'identities' ? '--identity' : `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);

const refuse = (option: string, message: string) => new AppError('CLI_ARGUMENT_INVALID', `${option}: ${message}`, { field: option });

/**
 * Consent in the words an import file may write it (yes/no, jā/nē, ya/tidak, …: synonyms.ts), so a
 * Latvian or Indonesian user types their own; blank or unknown clears it (never asked).
 */
function consentOf(option: string, value: string): boolean | null {
  const answer = booleanOf(value);
  if (answer !== undefined) return answer;
  if (['', 'unknown'].includes(value.trim().toLowerCase())) return null;
  throw refuse(option, `"${value.slice(0, 40)}" is not yes, no or unknown.`);
}

function birthYearOf(value: string): number | null {
  if (value.trim() === '') return null;
  if (!/^\d{4}$/.test(value.trim())) throw refuse('--birth-year', `"${value.slice(0, 40)}" is not a year such as 1985.`);
  const year = Number(value.trim());
  // the service refuses it too (customers.service.ts); checked here as well to name the option the
  // user typed, before the store opens. The CLI's clock is the system's (store-session.ts), as the service's.
  const problem = futureBirthYearProblem(year, new Date());
  if (problem !== null) throw refuse('--birth-year', `${problem}.`);
  return year;
}

/** `email:ana@example.com`, `phone:+62 812…`, or an external id as `<namespace>:<value>` (`loyalty_card:LC-1473`). */
export function identityOf(text: string): { kind: 'email' | 'phone' | 'external'; namespace?: string; value: string } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw refuse('--identity', `"${text.slice(0, 40)}" is not kind:value; write email:…, phone:… or <namespace>:<id> such as loyalty_card:LC-1473.`);
  // a system's name is read as the API reads it, so "LOYALTY_CARD:" and "Loyalty Card:" are loyalty_card, and "Email:" an email
  const prefix = normaliseExternalNamespace(text.slice(0, colon));
  const value = text.slice(colon + 1);
  return prefix === 'email' || prefix === 'phone' ? { kind: prefix, value } : { kind: 'external', namespace: prefix, value };
}

/**
 * The request body the API would get for these options, checked by its own
 * schema (a country that names none is refused there). A blank value is sent
 * as blank, which clears the field, as an emptied form field does.
 */
export function customerBodyOf(options: CustomerOptions) {
  const body: Record<string, unknown> = {};
  for (const field of textFields) if (options[field] !== undefined) body[field] = options[field];
  for (const field of consentFields) if (options[field] !== undefined) body[field] = consentOf(optionOf(field), options[field]!);
  if (options.birthYear !== undefined) body.birthYear = birthYearOf(options.birthYear);
  if (options.identity.length > 0) body.identities = options.identity.map(identityOf);
  const parsed = createCustomerSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? '');
  const option = optionOf(field);
  const value = field === 'identities' ? undefined : (options as Record<string, unknown>)[field];
  throw new AppError('CLI_ARGUMENT_INVALID', optionIssueMessage(option, issue, typeof value === 'string' ? value : undefined), { field: option });
}
