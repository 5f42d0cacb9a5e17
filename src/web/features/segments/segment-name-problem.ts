import { ApiError } from '../../api/client.js';
import type { I18n } from '../../i18n/i18n-context.js';

/**
 * What is wrong with a segment's name, said under the Name field (as the sign-in and password
 * forms say their fields' problems, credential-problems.ts): `key` is the message; a name another
 * segment has names that segment (`segmentId`, linked to its page) and its name as saved.
 */
export type SegmentNameProblem =
  | { kind: 'missing' | 'invalid'; key: string }
  | { kind: 'taken'; key: string; segmentId: number; existingName: string };

const missing: SegmentNameProblem = { kind: 'missing', key: 'segments.nameProblems.missing' };

/** An empty or blank name is asked for before anything is sent: the server would refuse it (SEGMENT_NAME_INVALID). */
export function segmentNameProblem(name: string): SegmentNameProblem | null {
  return name.trim() === '' ? missing : null;
}

/**
 * A refusal of the name in words, under the field, with no CLI command or API address in it (the
 * server's English message gives both, for its other readers): a taken name (SEGMENT_NAME_EXISTS)
 * says which segment has it, by its name as saved (`details.existingName`; from a server that does
 * not send it, the name typed, which is the same ignoring case); a name the server finds invalid
 * (SEGMENT_NAME_INVALID: blank, or digits alone) says what a name needs. Any other refusal is null:
 * the page shows it as an error message.
 */
export function segmentNameRefusal(error: unknown, name: string): SegmentNameProblem | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'SEGMENT_NAME_INVALID') return name.trim() === '' ? missing : { kind: 'invalid', key: 'errors.codes.SEGMENT_NAME_INVALID' };
  if (error.code !== 'SEGMENT_NAME_EXISTS') return null;
  const segmentId = error.details?.segmentId;
  if (typeof segmentId !== 'number' || !Number.isInteger(segmentId)) return null;
  const existingName = typeof error.details?.existingName === 'string' && error.details.existingName !== '' ? error.details.existingName : name.trim();
  return { kind: 'taken', key: 'segments.nameProblems.taken', segmentId, existingName };
}

// stands in for the name while the sentence is split around it; no translation holds it
const namePlace = '\u0000';

/**
 * "Another segment is already called “VIPs”." in three parts, so that the name can be a link to that
 * segment wherever the language puts it: `before`, `name` (with the quotes of the sentence), `after`.
 */
export function nameTakenParts(problem: Extract<SegmentNameProblem, { kind: 'taken' }>, t: I18n['t']): { before: string; name: string; after: string; to: string } {
  const text = t(problem.key, { name: namePlace });
  const at = text.indexOf(namePlace);
  const to = `/segments/${problem.segmentId}`;
  if (at < 0) return { before: `${text} `, name: problem.existingName, after: '', to };
  // the quotes around the name go inside the link, as they belong to the name
  const open = /[“„«"']$/u.exec(text.slice(0, at))?.[0] ?? '';
  const close = /^[”“»"']/u.exec(text.slice(at + 1))?.[0] ?? '';
  return {
    before: text.slice(0, at - open.length),
    name: `${open}${problem.existingName}${close}`,
    after: text.slice(at + 1 + close.length),
    to,
  };
}
