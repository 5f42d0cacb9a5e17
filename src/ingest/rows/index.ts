export { createRowParser, type ParsedRow, type RowParser, type RowParserOptions } from './row-parser.js';
export { parseFile, recordText, rowsFromRecords, type ParseFileOptions, type ParsedBatch } from './parse-file.js';
export { canonicalFields, columnsRead, headerCheck, parseMappingArguments, recordBatchHeaders, resolveColumns, type Mapping } from './fields.js';
export { parseDateTime } from './parse-date.js';
export { parseDecimal, parseMoney } from './parse-amount.js';
export { listPresets, findPreset } from '../presets/index.js';
export { readRecords, type ReaderOptions, type RecordItem, type RecordSource } from '../readers/read-records.js';
export { addMaskedPhones, maskedPhonesNote, noMaskedPhones, type MaskedPhone, type MaskedPhones } from './masked-phones.js';
