import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';
import { wholeNumberIn } from '../option-values.js';
import { AppError } from '../../core/errors.js';
import { consentKinds, type ConsentKind } from '../../customers/consent-kinds.js';
import type { MembersCsvForm } from './segments-csv.js';

/** The commands' work, loaded when one of them runs: it needs the store and the segments domain. */
const run = () => import('./segments-run.js');
const csvRun = () => import('./segments-csv.js');

function consentKindOf(value: string): ConsentKind {
  const kind = consentKinds.find((candidate) => candidate === value.trim().toLowerCase());
  if (kind === undefined) throw new AppError('CLI_ARGUMENT_INVALID', `--consent: "${value.slice(0, 40)}" is not a kind of consent. Use one of: ${consentKinds.join(', ')}.`, { field: '--consent' });
  return kind;
}

/** The web app's two forms of a members file (segments-csv.ts's membersCsvForms; listed here so help loads no store code). */
const csvForms: readonly MembersCsvForm[] = ['sheet', 'reimport'];

function csvFormOf(value: string): MembersCsvForm {
  const form = csvForms.find((candidate) => candidate === value.trim().toLowerCase());
  if (form === undefined) throw new AppError('CLI_ARGUMENT_INVALID', `--csv-form: "${value.slice(0, 40)}" is not a form of the members file. Use sheet (for a spreadsheet) or reimport (exact, for clientele import customers or a mail tool).`, { field: '--csv-form' });
  return form;
}

/** `--no-description` makes description false: the description is removed. */
export type UpdateOptions = { name?: string; filter?: string; description?: string | false };

type MembersOptions = { limit: number; after?: string; csv?: string; csvForm: MembersCsvForm; consent?: ConsentKind };

/** A segment is named by id (digits) or by its name. */
const segmentRef = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

export function registerSegmentsCommand(program: Command, runtime: CliRuntime): void {
  const segments = program.command('segments').description('saved target groups: filters over customers with stored membership');

  withExamples(segments.command('create')
    .description('save a segment and compute its members')
    .argument('<name>', 'a name not taken by another segment (letter case aside)')
    .requiredOption('--filter <json|@file>', 'filter in the segment filter language (docs/segments.md)')
    .option('--description <text>', 'what the segment is for, shown beside its name'), [
    ['clientele segments create "Lapsing coffee lovers" --filter @lapsing.json'],
    ['clientele segments create VIPs --filter \'{"field": "customer_types", "op": "contains", "value": "vip"}\''],
    ['clientele segments create "Bargain hunters by email" --filter \'{"and": [{"field": "persona", "op": "eq", "value": "Bargain hunters"}, {"field": "consent_email", "op": "eq", "value": true}]}\'',
      'a persona by its name in `clientele personas list` (after `clientele personas discover`)'],
  ])
    .action(async (name: string, options: { filter: string; description?: string }) => (await run()).runSegmentsCreate(runtime, name, options));

  withExamples(segments.command('update')
    .description('rename a segment, change its description or its filter (a new filter recomputes its members); what is not given stays')
    .argument('<segment>', 'id or name', segmentRef)
    .option('--name <name>', 'the new name')
    .option('--filter <json|@file>', 'the new filter in the segment filter language (docs/segments.md)')
    .option('--description <text>', 'the new description')
    .option('--no-description', 'remove the description'), [
    ['clientele segments update VIPs --name "Top customers"'],
    ['clientele segments update "Lapsing coffee lovers" --filter @lapsing.json', 'members recomputed with the new filter'],
    ['clientele segments update 3 --no-description'],
  ])
    .action(async (ref: number | string, options: UpdateOptions) => (await run()).runSegmentsUpdate(runtime, ref, options));

  withExamples(segments.command('list')
    .description('saved segments and their member counts'), [
    ['clientele segments list', 'ids and names for the other segments commands'],
  ])
    .action(async () => (await run()).runSegmentsList(runtime));

  withExamples(segments.command('show')
    .description('a segment, its filter and its latest membership changes')
    .argument('<segment>', 'id or name', segmentRef), [
    ['clientele segments show VIPs'],
    ['clientele segments show 3'],
  ])
    .action(async (ref: number | string) => (await run()).runSegmentsShow(runtime, ref));

  withExamples(segments.command('members')
    .description('members in customer id order, a page at a time, or all of them as a CSV file')
    .argument('<segment>', 'id or name', segmentRef)
    .option('--limit <n>', 'rows per page (1 to 1,000)', wholeNumberIn(1, 1000, '--limit 200'), 50)
    .option('--after <cursor>', 'continue after a page: the cursor printed under it (nextCursor in --json, as the API gives it)')
    .option('--csv <file>', 'write every member to this file, with the web export\'s columns: contact, purchases, types, consent, predictions, persona (--limit does not apply)')
    .option('--csv-form <form>', 'with --csv: sheet, for a spreadsheet (UTF-8 byte order mark; text starting = + - @ gets a leading \'; phone numbers as ="+62…" so the + and a leading 0 stay; times on the store\'s clock; P(alive) two decimals), or reimport, every value exactly as stored, for clientele import customers or a mail tool (the web export\'s "For re-import")', csvFormOf, 'sheet')
    .option('--consent <kind>', `with --csv: only members who agreed to this, ${consentKinds.join(' | ')} (never asked counts as no)`, consentKindOf), [
    ['clientele segments members VIPs --limit 100'],
    ['clientele segments members 3 --after W251bGwsNTI4MTEsInNlZ21lbnQtbWVtYmVyczozIl0', 'the next page: the cursor printed under the last one'],
    ['clientele segments members VIPs --csv vips.csv --consent email', 'the members who may be sent an email campaign'],
    ['clientele segments members VIPs --csv vips.csv --csv-form reimport', 'exact values, for clientele import customers or a mail tool\'s sync'],
  ])
    .action(async (ref: number | string, options: MembersOptions, command: Command) => {
      if (options.csv !== undefined) return (await csvRun()).runSegmentMembersCsv(runtime, ref, { ...options, csv: options.csv });
      if (options.consent !== undefined) throw new AppError('CLI_ARGUMENT_INVALID', '--consent chooses the members written by --csv <file>; give --csv too.', { field: '--consent' });
      if (command.getOptionValueSource('csvForm') === 'cli') throw new AppError('CLI_ARGUMENT_INVALID', '--csv-form chooses the form of the file written by --csv <file>; give --csv too.', { field: '--csv-form' });
      return (await run()).runSegmentsMembers(runtime, ref, options);
    });

  withExamples(segments.command('preview')
    .description('count the customers a filter matches, without saving it')
    .requiredOption('--filter <json|@file>', 'filter in the segment filter language')
    .option('--sample <n>', 'also list the first n matches (0 to 1,000)', wholeNumberIn(0, 1000, '--sample 20'), 5), [
    ['clientele segments preview --filter \'{"field": "days_since_last_purchase", "op": "gt", "value": 90}\''],
    ['clientele segments preview --filter @filter.json --sample 20'],
  ])
    .action(async (options: { filter: string; sample: number }) => (await run()).runSegmentsPreview(runtime, options));

  withExamples(segments.command('refresh')
    .description('recompute membership of one segment, or of all (run on a schedule so relative dates move on)')
    .argument('[segment]', 'id or name; all segments when omitted', segmentRef), [
    ['clientele segments refresh', 'every segment, e.g. nightly from cron'],
    ['clientele segments refresh "Lapsing coffee lovers"'],
  ])
    .action(async (ref: number | string | undefined) => (await run()).runSegmentsRefresh(runtime, ref));

  withExamples(segments.command('delete')
    .description('delete a segment with its members and history')
    .argument('<segment>', 'id or name', segmentRef), [
    ['clientele segments delete "Lapsing coffee lovers"', 'the customers stay; only the segment goes'],
  ])
    .action(async (ref: number | string) => (await run()).runSegmentsDelete(runtime, ref));
}
