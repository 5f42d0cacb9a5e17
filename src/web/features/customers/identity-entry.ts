import { ApiError } from '../../api/client.js';
import type { Identity } from '../../api/types.js';
import { normaliseExternalNamespace } from '../../../customers/external-namespace.js';
import { isEmailShaped, isPhoneShaped } from './profile-field-checks.js';

/**
 * What staff pick an identity's kind from: an email, a phone, or an id from another system (the
 * API's `external` kind with its `namespace`). The systems the product writes itself come first;
 * `other` is a system the business names (its till, its web shop).
 */
export type IdentityChoice = { kind: 'email' | 'phone' } | { kind: 'external'; namespace: string } | { kind: 'other' };

/** One identity as typed: the choice's key (choiceKey), the system named for `other`, and the value. */
export type IdentityEntry = { choice: string; system: string; value: string };

/** The request's item of `identities` (src/customers/customers.schemas.ts, identityInputSchema). */
export type IdentityInput = { kind: 'email' | 'phone' | 'external'; namespace?: string; value: string };

/** Which part of an entry a problem is said under. */
export type IdentityEntryPart = 'value' | 'system';

export type IdentityEntryProblem =
  | { part: IdentityEntryPart; kind: 'missing' | 'tooLong' | 'invalid' | 'refused' }
  /** The customer already has it: nothing to add. */
  | { part: 'value'; kind: 'alreadyHeld' }
  /** `belongsTo`: the customer who has it, when the server names them (not to a caller who may not read customers). */
  | { part: 'value'; kind: 'taken'; belongsTo: number | null };

// the request schema's bounds: longer is refused (REQUEST_INVALID), so said before sending
const maxValueLength = 200;
const maxSystemLength = 64;

const productSystems = ['loyalty_card', 'web_account'];

export const emptyIdentityEntry: IdentityEntry = { choice: 'external:loyalty_card', system: '', value: '' };

export function choiceKey(choice: IdentityChoice): string {
  return choice.kind === 'external' ? `external:${choice.namespace}` : choice.kind;
}

/**
 * The kinds offered: the product's own systems, the customer's other systems (so a second id of one
 * is named as the first), another system, then email and phone.
 */
export function identityChoices(held: ReadonlyArray<Pick<Identity, 'kind' | 'namespace'>> = []): IdentityChoice[] {
  const heldSystems = held.filter((identity) => identity.kind === 'external').map((identity) => identity.namespace);
  const systems = [...new Set([...productSystems, ...heldSystems])];
  return [...systems.map((namespace) => ({ kind: 'external' as const, namespace })), { kind: 'other' }, { kind: 'email' }, { kind: 'phone' }];
}

/** The choice a key names; an unknown key (a kept draft from another version) is another system. */
export function choiceOf(key: string): IdentityChoice {
  if (key === 'email' || key === 'phone') return { kind: key };
  if (key.startsWith('external:') && key.length > 'external:'.length) return { kind: 'external', namespace: key.slice('external:'.length) };
  return { kind: 'other' };
}

/** Whether nothing was typed in the entry: an added row left empty is no identity. */
export function isEntryBlank(entry: IdentityEntry): boolean {
  return entry.value.trim() === '' && (choiceOf(entry.choice).kind !== 'other' || entry.system.trim() === '');
}

/** The system an entry's id comes from as it is sent, or null for an email or phone. */
function systemOf(entry: IdentityEntry): string | null {
  const choice = choiceOf(entry.choice);
  if (choice.kind === 'external') return choice.namespace;
  return choice.kind === 'other' ? entry.system.trim() : null;
}

/** What stops an entry being sent, before the server is asked; null when it can be. */
export function entryProblemOf(entry: IdentityEntry): IdentityEntryProblem | null {
  const choice = choiceOf(entry.choice);
  const value = entry.value.trim();
  if (choice.kind === 'other') {
    const system = entry.system.trim();
    if (system === '') return { part: 'system', kind: 'missing' };
    if (system.length > maxSystemLength) return { part: 'system', kind: 'tooLong' };
  }
  if (value === '') return { part: 'value', kind: 'missing' };
  if (value.length > maxValueLength) return { part: 'value', kind: 'tooLong' };
  if (choice.kind === 'email' && !isEmailShaped(value)) return { part: 'value', kind: 'invalid' };
  if (choice.kind === 'phone' && !isPhoneShaped(value)) return { part: 'value', kind: 'invalid' };
  return null;
}

/** The entry as the request's item; call after entryProblemOf found nothing. */
export function identityInputOf(entry: IdentityEntry): IdentityInput {
  const choice = choiceOf(entry.choice);
  const value = entry.value.trim();
  if (choice.kind === 'email' || choice.kind === 'phone') return { kind: choice.kind, value };
  return { kind: 'external', namespace: systemOf(entry)!, value };
}


/**
 * Whether the customer already has the identity as typed. Only what reads the same without the
 * server's help (a phone written another way is the server's to find): the rest it answers itself.
 */
export function isHeld(entry: IdentityEntry, held: ReadonlyArray<Pick<Identity, 'kind' | 'namespace' | 'value'>>): boolean {
  const input = identityInputOf(entry);
  // as the server stores them: an email in lower case, a system by normaliseExternalNamespace
  const value = input.kind === 'email' ? input.value.toLowerCase() : input.value;
  return held.some((identity) => identity.kind === input.kind && identity.value === value
    && (input.kind !== 'external' || identity.namespace === normaliseExternalNamespace(input.namespace!)));
}

const identityField = /^identities\.(\d+)(?:\.(value|namespace))?$/;

/**
 * A refused request about one item of `identities`: its index and what to say under it (the server
 * names `identities.N` for one another customer has, `identities.N.value` or `.namespace` for one it
 * cannot read). Null for any other error, said under the form.
 */
export function identityRefusalOf(error: Error | null): { index: number; problem: IdentityEntryProblem } | null {
  if (!(error instanceof ApiError) || error.field === undefined) return null;
  const match = identityField.exec(error.field);
  if (!match) return null;
  const index = Number(match[1]);
  if (error.code === 'CUSTOMER_IDENTITY_CONFLICT') {
    const belongsTo = error.details?.belongsTo;
    return { index, problem: { part: 'value', kind: 'taken', belongsTo: typeof belongsTo === 'number' && Number.isSafeInteger(belongsTo) ? belongsTo : null } };
  }
  if (error.code !== 'CUSTOMER_IDENTITY_INVALID' && error.code !== 'REQUEST_INVALID') return null;
  return { index, problem: { part: match[2] === 'namespace' ? 'system' : 'value', kind: 'refused' } };
}
