/**
 * Errors that stop a whole import file. Problems with single rows are not errors: they become
 * rejects (`{ file, line, field, reason }`) and the import goes on.
 */
export const importErrorCodes = [
  'IMPORT_FILE_NOT_FOUND',
  'IMPORT_FILE_EMPTY',
  'IMPORT_FILE_UNREADABLE',
  'IMPORT_COLUMN_MISSING',
  'IMPORT_OPTION_INVALID',
  'IMPORT_PRESET_NOT_FOUND',
] as const;

export type ImportErrorCode = (typeof importErrorCodes)[number];
