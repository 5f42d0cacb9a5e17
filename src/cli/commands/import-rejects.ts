import type { ImportSummary } from '../../ingest/import-file.service.js';
import { reasonWithOtherProblems } from '../../ingest/rejects-file.js';
import { withStoreInCommands } from '../store-command.js';

const count = (n: number) => n.toLocaleString('en');

/**
 * Why rows were rejected, one line per code with its number of rows, most first, and what to do:
 * the first such row's reason, which names its value and the fix, and that row's other problems
 * as the rejects file says them (the rejects file lists every row).
 */
export function formatRejectCounts(summary: Pick<ImportSummary, 'rejected' | 'rejectCounts'>): string[] {
  if (summary.rejected === 0 || summary.rejectCounts.length === 0) return [];
  const codeWidth = Math.max(...summary.rejectCounts.map(({ code }) => code.length));
  const rowsOf = (rows: number) => `${count(rows)} row${rows === 1 ? '' : 's'}`;
  const rowsWidth = Math.max(...summary.rejectCounts.map(({ rows }) => rowsOf(rows).length));
  const lines = [`Rejected ${rowsOf(summary.rejected)}, by reason:`];
  for (const { code, rows, first } of summary.rejectCounts) {
    const what = first ? ` — e.g. line ${first.line}${first.field ? ` [${first.field}]` : ''}: ${reasonWithOtherProblems(first)}` : '';
    lines.push(`  ${code.padEnd(codeWidth)}  ${rowsOf(rows).padStart(rowsWidth)}${what}`);
  }
  return lines;
}

type ReasonWithOthers = { reason: string; also?: Array<{ reason: string }> };

const runnable = <T extends ReasonWithOthers>(reject: T): T => ({
  ...reject, reason: withStoreInCommands(reject.reason), ...(reject.also ? { also: reject.also.map((problem) => ({ ...problem, reason: withStoreInCommands(problem.reason) })) } : {}),
});

/** The summary's reasons (text and --json) with the commands they suggest naming this store (`clientele --db ./riga rates set EUR <rate>`). */
export function withRunnableReasons<T extends Pick<ImportSummary, 'rejectsSample' | 'rejectCounts'>>(summary: T): T {
  return {
    ...summary,
    rejectsSample: summary.rejectsSample.map(runnable),
    rejectCounts: summary.rejectCounts.map((count) => ({ ...count, first: count.first && runnable(count.first) })),
  };
}
