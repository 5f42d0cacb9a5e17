import type { SegmentProblem } from '../../api/analytics-types.js';
import type { FilterField } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ConditionList } from './condition-list.js';
import { formatFilter } from './filter-text.js';
import { problemsOfCondition, segmentProblemText } from './segment-problem-text.js';
import { useDescribeContext } from './use-describe-context.js';

/** A saved segment's filter: its conditions in words, each with what is wrong with it now, and the JSON for analysts. */
export function SavedFilter({ filter, problems = [], memberCount = 0 }: { filter: unknown; problems?: SegmentProblem[]; memberCount?: number }) {
  const { t, format } = useI18n();
  const fields = useApiData<{ items: FilterField[] }>('/api/segments/fields');
  const context = useDescribeContext(fields.data?.items);
  return (
    <div className="saved-filter">
      {/* an operator's words depend on the field's type ("include" for a list, "contains" for text): wait for the types rather than flash the wrong word */}
      {fields.isLoading ? <LoadingState /> : <ConditionList filter={filter} context={context}
        notesOf={(condition) => problemsOfCondition(condition, problems).map((problem) => segmentProblemText(problem, memberCount, { t, format }))} />}
      <details>
        <summary>{t('segments.filterJson')}</summary>
        <pre className="filter-json"><code>{formatFilter(filter)}</code></pre>
      </details>
    </div>
  );
}
