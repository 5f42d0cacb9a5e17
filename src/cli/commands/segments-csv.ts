import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { toCsv } from '../../core/csv.js';
import { AppError } from '../../core/errors.js';
import { minorUnitsOf } from '../../core/money.js';
import { customerCsvCells, customerCsvHeader, segmentMemberCsvColumns } from '../../customers/customer-csv.js';
import { getSegment, listSegmentMembers } from '../../segments/index.js';

/** The API's largest page of members: the file is written a page at a time, so memory stays flat however large the segment. */
const pageSize = 1000;

export type MembersCsv = { segmentId: number; name: string; file: string; members: number };

/**
 * Writes every member of a segment (after `after`, when given) to a CSV file
 * with the columns the web app's export has (customer-csv.ts). A failed
 * export removes its half-written file, which would otherwise pass for the
 * whole segment.
 */
export async function writeMembersCsv(db: Kysely<Database>, ref: number | string, file: string, options: { currency: string; after?: number }): Promise<MembersCsv> {
  const segment = await getSegment(db, ref);
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
  try {
    await write(toCsv([customerCsvHeader(segmentMemberCsvColumns, money)]));
    let after = options.after;
    do {
      const page = await listSegmentMembers(db, segment.segment_id, { limit: pageSize, after });
      await write(toCsv(page.items.map((member) => customerCsvCells(member, segmentMemberCsvColumns, money))));
      members += page.items.length;
      after = page.next ?? undefined;
    } while (after !== undefined);
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    await rm(file, { force: true });
    throw error;
  }
  return { segmentId: segment.segment_id, name: segment.name, file, members };
}
