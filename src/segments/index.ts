export type { FilterNode, Comparison, PurchasedCondition, InterestCondition, TimeWindow, DateValue } from './filter-types.js';
export { filterFields, fieldNames, type FieldType, type FieldSource } from './filter-fields.js';
export { checkFilter, parseFilter, filterSchema, type FilterProblem } from './filter-schema.js';
export { compileFilter, matchingCustomers, filterFrom, type CompiledFilter, type FilterCatalog } from './compile-filter.js';
export { loadFilterCatalog } from './filter-catalog.js';
export { resolveDate, startOf, storeCalendarOf } from './filter-days.js';
export {
  createSegment, updateSegment, deleteSegment, getSegment, listSegments, refreshSegment, refreshAllSegments,
  refreshSegmentsForCustomers, listSegmentMembers, segmentHistory, prepareFilter, type SegmentRefresh,
} from './segments.service.js';
export { refreshSegmentsReadingField, followPersonaRename, renamePersonasInFilters } from './segments-reading-field.js';
export { countPersonaSegmentMembers, findSegmentsLosingPersonas, type SegmentLosingPersonas, type SegmentProblem, type SegmentWithProblems } from './persona-problems.js';
export { listMemberPage, type MemberPageRow } from './member-pages.service.js';
export { previewSegment, type PreviewCount, type SegmentPreview } from './preview.service.js';
export type { SegmentTables } from './segments.tables.js';
export { segmentErrorCodes } from './segments.errors.js';
export { customerFactsOfPage, type GroupMemberRow } from './membership.repo.js';
