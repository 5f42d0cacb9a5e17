import {
  createSegment, deleteSegment, getSegment, listSegmentMembers, listSegments, previewSegment, refreshAllSegments, refreshSegment, segmentHistory, updateSegment,
} from '../../segments/index.js';
import { AppError } from '../../core/errors.js';
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

/**
 * One page of members; `--csv` is segments-csv.ts's. `--json` names the next page `nextCursor`, as the
 * API does (give it as --after); `next`, the same as a number, is its older name, kept for scripts.
 */
export async function runSegmentsMembers(runtime: CliRuntime, ref: number | string, options: { limit: number; after?: number }): Promise<void> {
  const listed = await runtime.withStore(({ db }) => listSegmentMembers(db, ref, options));
  const page = { ...listed, nextCursor: listed.next === null ? null : String(listed.next) };
  runtime.print(page, (p) => `${table(p.items.map((m: Record<string, unknown>) => ({ id: m.customer_id, name: m.name, email: m.email, city: m.city, entered: m.entered_at })))}${p.next ? `\nmore: --after ${p.next}` : ''}`);
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
