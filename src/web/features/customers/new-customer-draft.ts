import { ApiError } from '../../api/client.js';
import { parseBirthYear } from './birth-year.js';
import { entryProblemOf, identityInputOf, isEntryBlank, type IdentityEntry, type IdentityEntryProblem, type IdentityInput } from './identity-entry.js';
import { draftProblems, type FieldProblem } from './profile-field-checks.js';

/** Under the request's names (incomeBand, where the customer's answer says income_band). */
export const newCustomerTextFields = ['name', 'email', 'phone', 'city', 'region', 'country', 'gender', 'incomeBand'] as const;
export type NewCustomerTextField = (typeof newCustomerTextFields)[number];
export const newCustomerConsents = ['consentEmail', 'consentSms', 'consentWhatsapp', 'consentProfiling'] as const;
export type NewCustomerConsent = (typeof newCustomerConsents)[number];
/** "" is not asked (null on the server): nobody asked is not the same as a refusal. */
export type ConsentChoice = '' | 'yes' | 'no';
export type CustomerKind = 'person' | 'organization';

/** The new-customer form as typed: every text as entered, the birth year as text. */
export type NewCustomerDraft = Record<NewCustomerTextField, string> & Record<NewCustomerConsent, ConsentChoice> & {
  kind: CustomerKind; birthYear: string;
  /** Identities beyond the email and phone (a loyalty card, another system's id); a row left blank is none. */
  identities: IdentityEntry[];
};

/** The form's fields a problem can be said under. */
export type NewCustomerField = NewCustomerTextField | 'birthYear';

export type NewCustomerBody = Partial<Record<NewCustomerTextField, string> & Record<NewCustomerConsent, boolean>> & { kind?: CustomerKind; birthYear?: number; identities?: IdentityInput[] };

/**
 * What stops the draft being sent: an email or phone that cannot be one, a birth year that cannot be,
 * an identity row half filled in (`entryProblems`, one per row of the draft, null where it is fine).
 */
export type DraftCheck = { ok: true; body: NewCustomerBody }
  | { ok: false; identityProblems: FieldProblem[]; isBirthYearInvalid: boolean; entryProblems: Array<IdentityEntryProblem | null> };

export const emptyNewCustomerDraft: NewCustomerDraft = {
  kind: 'person', name: '', email: '', phone: '', city: '', region: '', country: '', gender: '', incomeBand: '', birthYear: '',
  consentEmail: '', consentSms: '', consentWhatsapp: '', consentProfiling: '', identities: [],
};

/**
 * The POST /api/customers body for a draft, or why it cannot be sent. Only what was filled in is
 * sent. The kind is sent only beside something else: the form always has one (person by default),
 * and sent alone it would create a nameless customer nobody could find again, where the server
 * refuses an empty one (CUSTOMER_EMPTY) under the name.
 */
export function checkNewCustomerDraft(draft: NewCustomerDraft, currentYear: number): DraftCheck {
  const identityProblems = draftProblems({ email: draft.email, phone: draft.phone });
  const birthYear = parseBirthYear(draft.birthYear, currentYear);
  const entryProblems = draft.identities.map((entry) => (isEntryBlank(entry) ? null : entryProblemOf(entry)));
  if (identityProblems.length > 0 || !birthYear.ok || entryProblems.some((problem) => problem !== null)) {
    return { ok: false, identityProblems, isBirthYearInvalid: !birthYear.ok, entryProblems };
  }
  const body: NewCustomerBody = {};
  for (const field of newCustomerTextFields) {
    const text = draft[field].trim();
    if (text !== '') body[field] = text;
  }
  for (const consent of newCustomerConsents) {
    if (draft[consent] !== '') body[consent] = draft[consent] === 'yes';
  }
  if (birthYear.year !== null) body.birthYear = birthYear.year;
  const identities = draft.identities.filter((entry) => !isEntryBlank(entry)).map(identityInputOf);
  if (identities.length > 0) body.identities = identities;
  // a consent or the kind alone would make a customer nobody can find: sent empty, the server refuses it (CUSTOMER_EMPTY)
  if (!newCustomerTextFields.some((field) => field in body) && !('birthYear' in body) && !('identities' in body)) return { ok: true, body: {} };
  body.kind = draft.kind;
  return { ok: true, body };
}

// the kind and the consents are choices from a list: the server has nothing to refuse there
const formFields: ReadonlySet<string> = new Set<NewCustomerField>([...newCustomerTextFields, 'birthYear']);

/**
 * The field a refused create is about, so its message is said under that field: the server names it
 * (CUSTOMER_EMPTY under the name, CUSTOMER_BIRTH_YEAR_INVALID under the birth year, a value the
 * request schema refuses under its own field). Null for a refusal about no field of the form.
 */
export function refusedFieldOf(error: Error | null): NewCustomerField | null {
  if (!(error instanceof ApiError) || error.field === undefined) return null;
  return formFields.has(error.field) ? error.field as NewCustomerField : null;
}

/** The row of the draft the server's `identities.N` is: blank rows are not sent. */
export function rowOfSentIdentity(draft: NewCustomerDraft, sentIndex: number): number | null {
  const rows = draft.identities.flatMap((entry, row) => (isEntryBlank(entry) ? [] : [row]));
  return rows[sentIndex] ?? null;
}

const consentChoices: ReadonlySet<unknown> = new Set<ConsentChoice>(['', 'yes', 'no']);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 1000;

/**
 * A draft put aside when the session ended, read back after the sign-in; null for anything that is
 * not one (storage another version of the app wrote, or edited by hand), so the form starts empty.
 */
export function newCustomerDraftFrom(kept: unknown): NewCustomerDraft | null {
  if (typeof kept !== 'object' || kept === null) return null;
  // a draft kept by a version of the app before WhatsApp consent has none: not asked
  const value: Record<string, unknown> = { consentWhatsapp: '', ...kept };
  if (!newCustomerTextFields.every((field) => isText(value[field])) || !isText(value.birthYear)) return null;
  if (!newCustomerConsents.every((consent) => consentChoices.has(value[consent]))) return null;
  if (value.kind !== 'person' && value.kind !== 'organization') return null;
  if (!Array.isArray(value.identities) || value.identities.length > 50) return null;
  const identities = value.identities.map((entry: unknown) => {
    const row = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    return isText(row.choice) && isText(row.system) && isText(row.value) ? { choice: row.choice, system: row.system, value: row.value } : null;
  });
  if (identities.some((entry) => entry === null)) return null;
  const draft: NewCustomerDraft = { ...emptyNewCustomerDraft, kind: value.kind, birthYear: value.birthYear as string, identities: identities as IdentityEntry[] };
  for (const field of newCustomerTextFields) draft[field] = value[field] as string;
  for (const consent of newCustomerConsents) draft[consent] = value[consent] as ConsentChoice;
  return draft;
}
