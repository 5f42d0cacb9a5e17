import type { FilterNode } from './filter-types.js';

/** Whether any comparison of the filter reads the field. */
export function filterReadsField(node: FilterNode, field: string): boolean {
  if ('and' in node) return node.and.some((child) => filterReadsField(child, field));
  if ('or' in node) return node.or.some((child) => filterReadsField(child, field));
  if ('not' in node) return filterReadsField(node.not, field);
  return 'field' in node && node.field === field;
}
