import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import {
  createSegment, deleteSegment, getSegment, listSegmentMembers, listSegments, previewSegment, refreshAllSegments, refreshSegment, segmentHistory,
} from '../../segments/index.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';
import { withExamples } from '../examples.js';
import { writeMembersCsv } from './segments-csv.js';

/** A segment is named by id (digits) or by its name. */
const segmentRef = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

/** `--filter '{"field": …}'` or `--filter @path/to/filter.json`. */
export function readFilterOption(value: string): unknown {
  const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('SEGMENT_FILTER_INVALID', `The filter is not valid JSON: ${(error as Error).message}`, { hint: 'quote the JSON in single quotes, or pass @file.json' });
  }
}

export function registerSegmentsCommand(program: Command, runtime: CliRuntime): void {
  const segments = program.command('segments').description('saved target groups: filters over customers with stored membership');

  withExamples(segments.command('create')
    .description('save a segment and compute its members')
    .argument('<name>')
    .requiredOption('--filter <json|@file>', 'filter in the segment filter language (docs/segments.md)')
    .option('--description <text>'), [
    ['clientele segments create "Lapsing coffee lovers" --filter @lapsing.json'],
    ['clientele segments create VIPs --filter \'{"field": "customer_types", "op": "contains", "value": "vip"}\''],
  ])
    .action(async (name: string, options: { filter: string; description?: string }) => {
      const filter = readFilterOption(options.filter);
      const result = await runtime.withStore(({ db, actor, clock }) => createSegment(db, { name, description: options.description ?? null, filter }, { actor, clock }), { bulk: true });
      runtime.print(result, (r) => `Segment #${r.segment.segment_id} "${r.segment.name}": ${r.refresh.members} members (${r.refresh.seconds.toFixed(2)} s).`);
    });

  segments.command('list')
    .description('saved segments and their member counts')
    .action(async () => {
      const items = await runtime.withStore(({ db }) => listSegments(db));
      runtime.print({ items }, (r) => table(r.items.map((s: Record<string, unknown>) => ({ id: s.segment_id, name: s.name, members: s.member_count, refreshed: s.refreshed_at, description: s.description }))));
    });

  segments.command('show')
    .description('a segment, its filter and its latest membership changes')
    .argument('<segment>', 'id or name', segmentRef)
    .action(async (ref: number | string) => {
      const result = await runtime.withStore(async ({ db }) => ({ segment: await getSegment(db, ref), history: await segmentHistory(db, ref, 20) }));
      runtime.print(result, (r) => [
        keyValues({ id: r.segment.segment_id, name: r.segment.name, description: r.segment.description, members: r.segment.member_count, refreshed: r.segment.refreshed_at, created_by: r.segment.created_by }),
        '', 'filter:', JSON.stringify(r.segment.filter, null, 2), '', 'latest changes:',
        table(r.history.map((h: Record<string, unknown>) => ({ at: h.at, customer: h.customer_id, change: h.change }))),
      ].join('\n'));
    });

  withExamples(segments.command('members')
    .description('members in customer id order, a page at a time, or all of them as a CSV file')
    .argument('<segment>', 'id or name', segmentRef)
    .option('--limit <n>', 'rows per page', (v) => Number(v), 50)
    .option('--after <customerId>', 'continue after this customer id', (v) => Number(v))
    .option('--csv <file>', 'write every member to this file, with the web export\'s columns: contact, purchases, types, consent (--limit does not apply)'), [
    ['clientele segments members VIPs --limit 100'],
    ['clientele segments members 3 --after 52811', 'the next page'],
    ['clientele segments members VIPs --csv vips.csv', 'check consent_email before sending a campaign'],
  ])
    .action(async (ref: number | string, options: { limit: number; after?: number; csv?: string }) => {
      const { csv } = options;
      if (csv !== undefined) {
        const written = await runtime.withStore(({ db, runtime: { settings } }) => writeMembersCsv(db, ref, csv, { currency: settings.currency, after: options.after }));
        runtime.print(written, (w) => `Wrote ${w.members} member${w.members === 1 ? '' : 's'} of segment #${w.segmentId} "${w.name}" to ${w.file}.`);
        return;
      }
      const page = await runtime.withStore(({ db }) => listSegmentMembers(db, ref, options));
      runtime.print(page, (p) => `${table(p.items.map((m: Record<string, unknown>) => ({ id: m.customer_id, name: m.name, email: m.email, city: m.city, entered: m.entered_at })))}${p.next ? `\nmore: --after ${p.next}` : ''}`);
    });

  withExamples(segments.command('preview')
    .description('count the customers a filter matches, without saving it')
    .requiredOption('--filter <json|@file>', 'filter in the segment filter language')
    .option('--sample <n>', 'also list the first n matches', (v) => Number(v), 5), [
    ['clientele segments preview --filter \'{"field": "days_since_last_purchase", "op": "gt", "value": 90}\''],
    ['clientele segments preview --filter @filter.json --sample 20'],
  ])
    .action(async (options: { filter: string; sample: number }) => {
      const filter = readFilterOption(options.filter);
      const preview = await runtime.withStore(({ db, clock }) => previewSegment(db, filter, { clock, sampleSize: options.sample }));
      runtime.print(preview, (p) => [`${p.count} of ${p.total} customers (${(p.share * 100).toFixed(1)}%) in ${(p.seconds * 1000).toFixed(0)} ms`, '', table(p.sample)].join('\n'));
    });

  segments.command('refresh')
    .description('recompute membership of one segment, or of all (run on a schedule so relative dates move on)')
    .argument('[segment]', 'id or name; all segments when omitted', segmentRef)
    .action(async (ref: number | string | undefined) => {
      const items = await runtime.withStore(async ({ db, clock }) => (ref === undefined ? refreshAllSegments(db, { clock }) : [await refreshSegment(db, ref, { clock })]), { bulk: true });
      runtime.print({ items }, (r) => table(r.items.map((i: Record<string, number>) => ({ id: i.segmentId, name: i.name, members: i.members, entered: i.entered, left: i.left, seconds: i.seconds.toFixed(2) }))));
    });

  segments.command('delete')
    .description('delete a segment with its members and history')
    .argument('<segment>', 'id or name', segmentRef)
    .action(async (ref: number | string) => {
      await runtime.withStore(({ db }) => deleteSegment(db, ref));
      runtime.print({ deleted: ref }, () => `Segment ${ref} deleted.`);
    });
}
