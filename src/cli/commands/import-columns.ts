import type { ImportSummary } from '../../ingest/import-file.service.js';
import type { IgnoredColumn } from '../../ingest/rows/column-plan.js';
import { mapArgument, normaliseColumnName } from '../../ingest/rows/fields.js';

/**
 * What the import made of the file's columns: the fields it read from a column under another
 * name (column-plan.ts; money fields are never among them), and, as a warning, the columns it did not read at all (a misspelled refund
 * column would otherwise overstate revenue without a word), each with what to do about it.
 */
export function formatColumns(summary: Pick<ImportSummary, 'entity' | 'guessedColumns' | 'ignoredColumns'>): string[] {
  const lines: string[] = [];
  const { guessedColumns: guessed, ignoredColumns: ignored } = summary;
  if (guessed.length > 0) {
    lines.push(`Columns read as: ${guessed.map(({ field, column }) => `${field} ← ${column}`).join(', ')} (by their names; if one is wrong, import again with ${mapArgument('field', 'Column')})`);
  }
  for (const { field, column, valuesAre, toldApartBy = [] } of guessed) {
    if (!valuesAre) continue;
    const values = valuesAre === 'email' ? 'email addresses' : valuesAre === 'phone' ? 'phone numbers' : 'names';
    // a name column is read as names only beside an email or phone column (column-plan.ts, readNamesAsNames)
    const identity = valuesAre === 'name' && toldApartBy.length > 0 ? `; the customers are told apart by ${toldApartBy.join(' and ')}` : '';
    lines.push(`  ${column}: read as ${field}, not customer_id, because most of its values are ${values}${identity}; if they are customer ids, import again with ${mapArgument('customer_id', column)}`);
  }
  if (ignored.length === 0) return lines;
  const count = ignored.length === 1 ? '1 column was' : `${ignored.length} columns were`;
  lines.push(`Warning: ${count} not imported, because no ${summary.entity} field reads ${ignored.length === 1 ? 'it' : 'them'}: ${ignored.map(({ column }) => column).join(', ')}`);
  const unexplained = ignored.filter((column) => {
    const advice = adviceFor(column);
    if (advice) lines.push(`  ${column.column}: ${advice}`);
    return advice === null;
  });
  if (unexplained.length > 0) {
    const which = unexplained.length === ignored.length ? 'a column' : unexplained.map(({ column }) => column).join(' or ');
    lines.push(`  If ${which} holds something Clientele knows, import again with ${mapArgument('field', 'Column')} (the ${summary.entity} fields are listed in docs/import.md).`);
  }
  return lines;
}

const isNamedLike = (column: string, field: string) => normaliseColumnName(column) === field;

function adviceFor({ column, field, reason }: IgnoredColumn): string | null {
  if (field === null) return null;
  if (reason === 'line_needs_unit_price') {
    const asLines = field === 'unit_price'
      ? `probably unit_price; each row was imported as a whole order with its amount. If the rows are order lines and this is each line's price, import again with ${mapArgument('unit_price', column)}`
      : `${isNamedLike(column, field) ? 'an order line\'s field' : `probably ${field}, an order line's field`}; without a unit_price column each row was imported as a whole order with its amount. If the rows are order lines, import again with ${mapArgument('unit_price', 'Column')}`;
    // a column under another name than its field's is read only when mapped
    return isNamedLike(column, field) || field === 'unit_price' ? asLines : `${asLines} ${mapArgument(field, column)}`;
  }
  if (reason === 'field_read_from_another_column') return `${field} was read from another column; to read it from this one, import again with ${mapArgument(field, column)}`;
  return `probably ${field}; if so, import again with ${mapArgument(field, column)}`;
}
