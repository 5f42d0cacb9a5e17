import type { SegmentProblem } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';

type Words = { t: I18n['t']; format: Pick<Formatters, 'date' | 'number'> };

/** A saved segment's problem in the reader's words, with what it leaves the segment ("members: 0"). */
export function segmentProblemText(problem: SegmentProblem, memberCount: number, { t, format }: Words): string {
  const members = format.number(memberCount);
  if (problem.code === 'PERSONA_RETIRED' && problem.retiredAt !== null) {
    return t('segments.personaRetired', { name: problem.value, date: format.date(problem.retiredAt), members });
  }
  return t('segments.personaMissing', { name: problem.value, members });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a condition (or any inside it) takes this persona name whole, ignoring case as filters match names. */
function conditionNamesPersona(condition: unknown, name: string): boolean {
  if (Array.isArray(condition)) return condition.some((child) => conditionNamesPersona(child, name));
  if (!isRecord(condition)) return false;
  if (condition.field === 'persona' && ['eq', 'neq', 'in', 'nin'].includes(String(condition.op))) {
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    return values.some((value) => typeof value === 'string' && value.toLowerCase() === name.toLowerCase());
  }
  return ['and', 'or', 'not'].some((key) => conditionNamesPersona(condition[key], name));
}

/** The problems to show beside this condition of the segment's list. */
export function problemsOfCondition(condition: unknown, problems: readonly SegmentProblem[]): SegmentProblem[] {
  return problems.filter((problem) => problem.field === 'persona' && conditionNamesPersona(condition, problem.value));
}
