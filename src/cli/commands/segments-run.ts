import {
  createSegment, deleteSegment, getSegment, listSegmentMembers, listSegments, previewSegment, refreshAllSegments, refreshSegment, segmentHistory, updateSegment,
} from '../../segments/index.js';
import { AppError, isAppError } from '../../core/errors.js';
import { afterOfMemberCursor, memberCursor } from '../../server/pagination.js';
import { cursorInvalid, decodeCursor } from '../../core/cursor.js';
import { shownValue } from '../usage-errors.js';
import type { CliRuntime } from '../runtime.js';
import type { UpdateOptions } from './segments.js';
import { grouped, keyValues, table } from '../format.js';
import { readFilterOption } from './filter-option.js';
import { segmentsProblemLines } from './segment-problems-text.js';

export async function runSegmentsCreate(runtime: CliRuntime, name: string, options: { filter: string; description?: string }): Promise<void> {
  const filter = readFilterOption(options.filter);
  const result = await runtime.withStore(({ db, actor, clock }) => createSegment(db, { name, description: options.description ?? null, filter }, { actor, clock }), { bulk: true });
  runtime.print(result, (r) => `Segment #${r.segment.segment_id} "${r.segment.name}": ${r.refresh.members} members (${r.refresh.seconds.toFixed(2)} s).`);
}

/**
 * `segments update`: only what is given changes, as PATCH /api/segments/:id. A new filter is checked
 * and its members recomputed by the service; without one `refresh` is null and membership is as it was.
 */
export async function runSegmentsUpdate(runtime: CliRuntime, ref: number | string, options: UpdateOptions): Promise<void> {
  const name = options.name?.trim();
  if (name === '') throw new AppError('CLI_ARGUMENT_INVALID', '--name: a segment needs a name; give one with a letter in it, or leave --name out to keep the name.', { field: '--name' });
  const changes = {
    ...(name === undefined ? {} : { name }),
    ...(options.description === undefined ? {} : { description: options.description === false ? null : options.description }),
    ...(options.filter === undefined ? {} : { filter: readFilterOption(options.filter) }),
  };
  const changed = Object.keys(changes);
  if (changed.length === 0) {
    throw new AppError('CLI_ARGUMENT_INVALID', 'Nothing to change: give --name, --description, --no-description or --filter (what is not given stays as it is).');
  }
  const result = await runtime.withStore(({ db, clock }) => updateSegment(db, ref, changes, { clock }), { bulk: changes.filter !== undefined });
  runtime.print(result, (r: typeof result) => {
    const updated = `Segment #${r.segment.segment_id} "${r.segment.name}" updated: ${changed.join(', ')}.`;
    if (r.refresh === null) return `${updated} ${grouped(r.segment.member_count)} members, as before.`;
    return `${updated} ${grouped(r.refresh.members)} members now: ${grouped(r.refresh.entered)} entered, ${grouped(r.refresh.left)} left (${r.refresh.seconds.toFixed(2)} s).`;
  });
}

export async function runSegmentsList(runtime: CliRuntime): Promise<void> {
  const items = await runtime.withStore(({ db }) => listSegments(db));
  runtime.print({ items }, (r: { items: typeof items }) => [
    table(r.items.map((s) => ({ id: s.segment_id, name: s.name, members: grouped(s.member_count), refreshed: s.refreshed_at, description: s.description }))),
    ...segmentsProblemLines(r.items),
  ].join('\n'));
}

export async function runSegmentsShow(runtime: CliRuntime, ref: number | string): Promise<void> {
  const result = await runtime.withStore(async ({ db }) => ({ segment: await getSegment(db, ref), history: await segmentHistory(db, ref, 20) }));
  runtime.print(result, (r) => [
    keyValues({ id: r.segment.segment_id, name: r.segment.name, description: r.segment.description, members: grouped(r.segment.member_count), refreshed: r.segment.refreshed_at, created_by: r.segment.created_by }),
    ...segmentsProblemLines([r.segment]),
    '', 'filter:', JSON.stringify(r.segment.filter, null, 2), '', 'latest changes:',
    table(r.history.map((h: Record<string, unknown>) => ({ at: h.at, customer: h.customer_id, change: h.change }))),
  ].join('\n'));
}

/** The list a segment's member cursors belong to, as GET /api/segments/:id/members scopes them: a cursor of one is refused by another. */
const segmentMembersScope = 'segment-members:';
export const segmentMembersList = (segmentId: number): string => `${segmentMembersScope}${segmentId}`;

/**
 * The customer id `--after` continues after: a cursor the API or this command gave for this segment's
 * members (nextCursor), as the API's `cursor` takes it. A bare customer id, a forged cursor or another
 * list's is refused as the API refuses it (PAGINATION_CURSOR_INVALID, exit 1), naming --after and what to give.
 * Without `segmentId` (before the store is open) only what any members cursor has is checked.
 */
export function afterOfMembersOption(cursor: string | undefined, segmentId?: number): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    if (segmentId !== undefined) return afterOfMemberCursor(cursor, segmentMembersList(segmentId));
    const { value, id, scope } = decodeCursor(cursor);
    if (value !== null || !scope?.startsWith(segmentMembersScope)) throw cursorInvalid();
    return id;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'PAGINATION_CURSOR_INVALID') throw error;
    const what = /^\d+$/.test(cursor.trim()) ? `${cursor.trim()} is a customer id, not a cursor` : `${shownValue(cursor)} is not a cursor of this segment's members`;
    throw new AppError('PAGINATION_CURSOR_INVALID', `--after: ${what}. Give the cursor printed under the previous page ("more: --after …"; nextCursor in --json), or leave --after out to start at the first member.`, { field: '--after' });
  }
}

/**
 * One page of members; `--csv` is segments-csv.ts's. The page is the API's: `nextCursor` is the cursor
 * GET /api/segments/:id/members gives (give it as --after; null on the last page), `next` the same as
 * a customer id, as the API also sends it.
 */
export async function runSegmentsMembers(runtime: CliRuntime, ref: number | string, options: { limit: number; after?: string }): Promise<void> {
  afterOfMembersOption(options.after);
  const page = await runtime.withStore(async ({ db }) => {
    const { segment_id: segmentId } = await getSegment(db, ref);
    const listed = await listSegmentMembers(db, segmentId, { limit: options.limit, after: afterOfMembersOption(options.after, segmentId) });
    return { ...listed, nextCursor: memberCursor(listed.next, segmentMembersList(segmentId)) };
  });
  runtime.print(page, (p) => `${table(p.items.map((m: Record<string, unknown>) => ({ id: m.customer_id, name: m.name, email: m.email, city: m.city, entered: m.entered_at })))}${p.nextCursor ? `\nmore: --after ${p.nextCursor}` : ''}`);
}

export async function runSegmentsPreview(runtime: CliRuntime, options: { filter: string; sample: number }): Promise<void> {
  const filter = readFilterOption(options.filter);
  const preview = await runtime.withStore(({ db, clock }) => previewSegment(db, filter, { clock, sampleSize: options.sample }));
  const countLine = (p: typeof preview) => `${grouped(p.count)} of ${grouped(p.total)} customers (${(p.share * 100).toFixed(1)}%) in ${(p.seconds * 1000).toFixed(0)} ms`;
  // --sample 0 asks for no list: an empty one would read as "nobody matched"
  runtime.print(preview, (p) => (options.sample > 0 ? [countLine(p), '', table(p.sample)].join('\n') : countLine(p)));
}

export async function runSegmentsRefresh(runtime: CliRuntime, ref: number | string | undefined): Promise<void> {
  const items = await runtime.withStore(async ({ db, clock }) => (ref === undefined ? refreshAllSegments(db, { clock }) : [await refreshSegment(db, ref, { clock })]), { bulk: true });
  runtime.print({ items }, (r) => table(r.items.map((i: Record<string, number>) => ({ id: i.segmentId, name: i.name, members: grouped(i.members), entered: grouped(i.entered), left: grouped(i.left), seconds: i.seconds.toFixed(2) }))));
}

export async function runSegmentsDelete(runtime: CliRuntime, ref: number | string): Promise<void> {
  await runtime.withStore(({ db }) => deleteSegment(db, ref));
  runtime.print({ deleted: ref }, () => `Segment ${ref} deleted.`);
}
