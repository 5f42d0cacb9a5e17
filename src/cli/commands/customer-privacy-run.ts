import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { deleteCustomer } from '../../customers/customers.service.js';
import { exportCustomerData } from '../../customers/subject-export.js';
import { removeErasureSuppression } from '../../customers/erasure-suppression.service.js';
import type { CliRuntime } from '../runtime.js';
import { countNoun } from '../count-noun.js';
import { clienteleCommand } from '../store-command.js';

/** What `customers delete` erases and keeps, said before it does (without --yes) and in its help's words: docs/privacy.md has the whole of it. */
export const erasureSummary = 'their profile, identities and consents, their orders with their lines, their interest events and all that was derived from them '
  + '(purchase facts, types and type history, RFM score, persona, prediction, alerts, segment memberships), and every customer merged into them. '
  + 'Kept: merge records and audit entries keep the customer ids, their personal values replaced by [erased]; orders they received as gifts stay with the buyers; '
  + 'their emails and phones as keyed digests (the suppression list), so a later import that brings them back has their consents refused (--no-suppression keeps none). '
  + 'It cannot be undone.';

/**
 * `customers delete`: the API's DELETE /api/customers/{id} (deleteCustomer, audited as
 * customer.delete with the counts of what went), refused without --yes, saying what it would erase.
 */
export async function runCustomersDelete(runtime: CliRuntime, customerId: number, options: { yes?: boolean; suppression?: boolean }): Promise<void> {
  if (options.yes !== true) {
    throw new AppError('CLI_ARGUMENT_INVALID', `Not deleted: this erases customer #${customerId} for good: ${erasureSummary} `
      + `For a copy of what is held about them first: ${clienteleCommand(`customers export ${customerId} --out customer-${customerId}.json`)}. `
      + `To erase them: ${clienteleCommand(`customers delete ${customerId} --yes`)}`, { field: '--yes' });
  }
  const counts = await runtime.withStore(({ db, actor, clock }) => deleteCustomer(db, customerId, { actor, clock, suppress: options.suppression !== false }));
  const result = { deleted: true, customerId, ...counts };
  runtime.print(result, (r: typeof result) => `Customer #${r.customerId} erased: ${countNoun(r.orders, 'order')} (${countNoun(r.orderLines, 'line')}), ${countNoun(r.events, 'interest event')}, `
    + `${countNoun(r.identities, 'identity', 'identities')}${r.mergedCustomers > 0 ? `, with ${countNoun(r.mergedCustomers, 'customer')} merged into them` : ''}. Recorded in the audit log as customer.delete. `
    + (r.suppressedIdentities > 0 ? `${countNoun(r.suppressedIdentities, 'email or phone', 'emails or phones')} kept as suppression digests: an import bringing them back records them with consents refused. ` : 'No suppression entry kept. ')
    + 'Files still holding them (import files, rejects files, backups) are not touched: see docs/privacy.md.');
}

/**
 * `customers export`: GET /api/customers/{id}/export, everything held about one person as one JSON
 * document, on stdout or in --out (readable by its owner alone: it is their personal data), audited
 * as customer.export by the shell's user.
 */
export async function runCustomersExport(runtime: CliRuntime, customerId: number, options: { out?: string }): Promise<void> {
  const document = await runtime.withStore(({ db, actor, clock }) => exportCustomerData(db, customerId, { actor, clock }));
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (options.out === undefined) {
    process.stdout.write(text);
    return;
  }
  await writeOwnerOnlyFile(options.out, text);
  const result = { customerId, file: options.out, generatedAt: document.generatedAt, orders: document.orders.length, interestEvents: document.interestEvents.length, timelineEntries: document.timeline.length };
  runtime.print(result, (r: typeof result) => `Everything held about customer #${r.customerId} written to ${r.file}: ${countNoun(r.orders, 'order')}, ${countNoun(r.interestEvents, 'interest event')}, `
    + `${countNoun(r.timelineEntries, 'timeline entry', 'timeline entries')}. Recorded in the audit log as customer.export. The file holds their personal data: keep it safe and delete it once sent.`);
}

/**
 * `customers unsuppress`: POST /api/customers/erasure-suppression/remove. A contact with an @ is an
 * email, anything else a phone (as `customers show` reads one).
 */
export async function runCustomersUnsuppress(runtime: CliRuntime, contact: string): Promise<void> {
  const kind = contact.includes('@') ? 'email' as const : 'phone' as const;
  const result = await runtime.withStore(({ db, actor }) => removeErasureSuppression(db, { kind, value: contact }, { actor }));
  runtime.print(result, (r: typeof result) => `The suppression entry of that ${r.kind} was removed: a feed's yes applies to them again (consents already refused stay so until changed). Recorded in the audit log as erasure-suppression.remove.`);
}

/**
 * Writes a file readable by its owner alone, also where one was: a new file beside it (created
 * exclusively, mode 0600) renamed over it. Writing into the existing file kept its permissions (a
 * 0666 file stayed readable by every user) and followed a symbolic link wherever it pointed: a link
 * is refused.
 */
async function writeOwnerOnlyFile(path: string, text: string): Promise<void> {
  const unwritable = (reason: string) => new AppError('CLI_FILE_UNWRITABLE', `Cannot write ${path} (${reason}). Give a path in a directory that exists and that you may write to.`, { field: '--out', file: path });
  const existing = await lstat(path).catch(() => null);
  if (existing?.isSymbolicLink()) {
    throw new AppError('CLI_FILE_UNWRITABLE', `Not written: ${path} is a symbolic link, and the export (personal data) is not written through one. Give --out the path of a regular file, or delete the link first.`, { field: '--out', file: path });
  }
  if (existing?.isDirectory()) throw unwritable('it is a directory');
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    created = true;
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    created = false;
  } catch (error) {
    throw unwritable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    if (created) await rm(temporary, { force: true });
  }
}
