import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { toCsv, utf8ByteOrderMark } from '../../core/csv.js';
import { AppError } from '../../core/errors.js';
import { minorUnitsOf } from '../../core/money.js';
import { customerCsvCells, customerCsvHeader, customerSheetCells, machineCsvOptions, segmentMemberCsvColumns, type CustomerCsvRow } from '../../customers/customer-csv.js';
import { getSegment, listMemberPage } from '../../segments/index.js';
import { consentPurpose, hasAgreedTo, type ConsentKind } from '../../customers/consent-kinds.js';
import type { CliRuntime } from '../runtime.js';
import { afterOfMembersOption } from './segments-run.js';

/** The API's largest page of members: the file is written a page at a time, so memory stays flat however large the segment. */
const pageSize = 1000;

/**
 * The web app's two forms of a members file (export-customers.ts): `sheet` for a person opening it in a
 * spreadsheet, after the UTF-8 byte order mark and with formula-like text guarded by a leading ', phone numbers
 * written to stay text (="+6288222773951", which keeps the + and a leading 0), times on the store's clock
 * ("2026-08-31 14:29", which a spreadsheet reads as a time; UTC ISO stays text there) and P(alive) with two
 * decimals (customerSheetCells); `reimport`
 * for programs (`clientele import customers`, a mail tool's sync), every value exactly as stored
 * (machineCsvOptions), as the web's "For re-import" file is.
 */
export const membersCsvForms = ['sheet', 'reimport'] as const;
export type MembersCsvForm = (typeof membersCsvForms)[number];

/** `form` is there for the re-import form only, as `consent` is only when asked for; with it, `leftOut` is the members not written for want of it. */
export type MembersCsv = { segmentId: number; name: string; file: string; members: number; form?: 'reimport'; consent?: ConsentKind; leftOut?: number };

/**
 * Writes every member of a segment (after `after`, a cursor of its members as the API and `segments members`
 * give, when given) to a CSV file with the columns the web app's export has (customer-csv.ts: with the
 * predictions campaign tools sync), in one of its two forms (membersCsvForms; the sheet by default). A failed
 * export removes its half-written file, which would otherwise pass for the
 * whole segment. With `consent`, only members who said yes to it are written:
 * one never asked may no more be sent a campaign than one who said no.
 */
export async function writeMembersCsv(db: Kysely<Database>, ref: number | string, file: string, options: { currency: string; timeZone: string; after?: string; consent?: ConsentKind; form?: MembersCsvForm }): Promise<MembersCsv> {
  const segment = await getSegment(db, ref);
  const form = options.form ?? 'sheet';
  // before the file is opened: a refused cursor leaves none behind
  let after = afterOfMembersOption(options.after, segment.segment_id);
  const money = { currency: options.currency, minorPerMajor: 10 ** minorUnitsOf(options.currency) };
  const stream = createWriteStream(file);
  try {
    await once(stream, 'open');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('CLI_FILE_UNWRITABLE', `Cannot write ${file} (${reason}). Give a path in a directory that exists and that you may write to.`, { field: '--csv', file });
  }
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  let members = 0;
  let leftOut = 0;
  const agreed = options.consent === undefined ? () => true : (member: Record<string, unknown>) => hasAgreedTo(member, options.consent!);
  try {
    // as the web app's two forms: the sheet guards formulas and starts with the mark; the re-import form is exact, without it
    const format = form === 'reimport' ? machineCsvOptions : undefined;
    await write((form === 'reimport' ? '' : utf8ByteOrderMark) + toCsv([customerCsvHeader(segmentMemberCsvColumns, money)], format));
    // the sheet's times are the store's wall clock, as the web app's spreadsheet form writes them
    const cellsOf = form === 'reimport'
      ? (member: CustomerCsvRow) => customerCsvCells(member, segmentMemberCsvColumns, money)
      : (member: CustomerCsvRow) => customerSheetCells(member, segmentMemberCsvColumns, money, options.timeZone);
    do {
      const page = await listMemberPage(db, segment.segment_id, { limit: pageSize, after });
      const written = page.items.filter(agreed);
      await write(toCsv(written.map(cellsOf), format));
      members += written.length;
      leftOut += page.items.length - written.length;
      after = page.next ?? undefined;
    } while (after !== undefined);
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    await rm(file, { force: true });
    throw error;
  }
  return { segmentId: segment.segment_id, name: segment.name, file, members, ...(form === 'reimport' ? { form } : {}), ...(options.consent === undefined ? {} : { consent: options.consent, leftOut }) };
}

/** `segments members --csv`: the file written, in which form, and with --consent how many members it left out and why. */
export async function runSegmentMembersCsv(runtime: CliRuntime, ref: number | string, options: { csv: string; after?: string; consent?: ConsentKind; csvForm?: MembersCsvForm }): Promise<void> {
  afterOfMembersOption(options.after);
  const written = await runtime.withStore(({ db, runtime: { settings } }) => writeMembersCsv(db, ref, options.csv, { currency: settings.currency, timeZone: settings.timeZone, after: options.after, consent: options.consent, form: options.csvForm }));
  runtime.print(written, (w: MembersCsv) => {
    const wrote = `Wrote ${w.members} member${w.members === 1 ? '' : 's'} of segment #${w.segmentId} "${w.name}"`;
    const form = w.form === 'reimport' ? ', in the re-import form (values exactly as stored: for clientele import customers or a mail tool, not a spreadsheet)' : '';
    if (w.consent === undefined) return `${wrote} to ${w.file}${form}.`;
    return `${wrote} who agreed to ${consentPurpose[w.consent]} to ${w.file}${form}; left out ${w.leftOut}: consent_${w.consent} no, or never asked.`;
  });
}
