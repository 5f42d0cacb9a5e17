import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { SegmentDetail, SegmentWithHistory } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { parseRouteId } from '../../routes/route-ids.js';
import { Link, useRouter } from '../../routes/router.js';
import { FilterEditor } from './filter-editor.js';
import { filterProblemsOf, formatFilter, parseFilterText } from './filter-text.js';
import { isSamePending, noPendingConditions, saveBlocksOf, type BuilderForm, type PendingCondition } from './pending-condition.js';
import { SaveBlockMessage } from './save-block-message.js';
import { nameTakenParts, segmentNameProblem, segmentNameRefusal, type SegmentNameProblem } from './segment-name-problem.js';
import { useFocusAfterSend } from '../auth/use-focus-after-send.js';

// A useful start: buyers who bought in the last 90 days.
const starterFilter = { and: [{ field: 'last_purchase_at', op: 'gt', value: { days_ago: 90 } }] };

/** The longest name the API takes. */
const nameMaxLength = 120;

/** "Copy of Champions", the original shortened so the whole stays within what the API takes. */
function copyNameOf(name: string, t: I18n['t']): string {
  const room = nameMaxLength - t('segments.copyName', { name: '' }).length;
  return t('segments.copyName', { name: name.length > room ? name.slice(0, room).trimEnd() : name });
}

/**
 * Create (no id) or edit a segment; saving recomputes its members. `/segments/new?copyOf=7`
 * starts a new segment from segment 7's filter and description, named as its copy.
 */
export function SegmentEditorPage({ segmentId }: { segmentId?: number }) {
  const { search } = useRouter();
  const copyOfId = segmentId === undefined ? parseRouteId(search.get('copyOf') ?? '') : null;
  const loadedId = segmentId ?? copyOfId;
  const existing = useApiData<SegmentWithHistory>(loadedId === null ? null : `/api/segments/${loadedId}`);
  if (loadedId === null) return <SegmentForm key="new" segment={null} copyOf={null} />;
  if (existing.error) return <section className="page"><ErrorMessage error={existing.error} /></section>;
  // the data of the segment asked for before, while this one loads, would fill the form with the wrong segment
  if (existing.data?.segment.segment_id !== loadedId) return <LoadingState />;
  const { segment } = existing.data;
  return segmentId === undefined
    ? <SegmentForm key={`copy-${loadedId}`} segment={null} copyOf={segment} />
    : <SegmentForm key={loadedId} segment={segment} copyOf={null} />;
}

/** `segment`: the one being edited; `copyOf`: the one a new segment starts as a copy of. */
function SegmentForm({ segment, copyOf }: { segment: SegmentDetail | null; copyOf: SegmentDetail | null }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const source = segment ?? copyOf;
  const [name, setName] = useState(segment?.name ?? (copyOf ? copyNameOf(copyOf.name, t) : ''));
  const [description, setDescription] = useState(source?.description ?? '');
  const [filterText, setFilterText] = useState(formatFilter(source?.filter ?? starterFilter));
  const [error, setError] = useState<Error | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [pending, setPending] = useState(noPendingConditions);
  const [isBlockShown, setIsBlockShown] = useState(false);
  const [nameProblem, setNameProblem] = useState<SegmentNameProblem | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const formId = useId();
  const blockId = useId();
  const nameProblemId = useId();
  // a refused name is focused once its message is shown: the save button, disabled while sending, held focus
  const focusAfterSend = useFocusAfterSend<'name'>(isSaving, { name: nameField });
  const changePending = useCallback((form: BuilderForm, state: PendingCondition) => {
    setPending((current) => (isSamePending(current[form], state) ? current : { ...current, [form]: state }));
  }, []);
  const blocks = saveBlocksOf(pending);
  // once settled, the next unfinished condition is not an error until Save is pressed again
  useEffect(() => {
    if (blocks.length === 0) setIsBlockShown(false);
  }, [blocks.length]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    focusAfterSend.current = null;
    // a missing name is said under the field before anything is sent
    const problem = segmentNameProblem(name);
    setNameProblem(problem);
    if (problem) {
      setError(null);
      nameField.current?.focus();
      return;
    }
    const parsed = parseFilterText(filterText);
    if (parsed.status !== 'ok') return;
    // saving now would store the filter without what the person typed into a condition form
    if (blocks.length > 0) return setIsBlockShown(true);
    setIsSaving(true);
    setError(null);
    const body = { name: name.trim(), description: description.trim() === '' ? null : description.trim(), filter: parsed.filter };
    try {
      const result = segment
        ? await api.patch<{ segment: SegmentDetail }>(`/api/segments/${segment.segment_id}`, body)
        : await api.post<{ segment: SegmentDetail }>('/api/segments', body);
      navigate(`/segments/${result.segment.segment_id}`);
    } catch (caught) {
      // a refused name is said under its field, in words: not the server's CLI and API commands
      const refusal = segmentNameRefusal(caught, name);
      setNameProblem(refusal);
      setError(refusal ? null : caught as Error);
      if (refusal) focusAfterSend.current = 'name';
      setIsSaving(false);
    }
  };

  const title = segment ? t('segments.editTitle', { name: segment.name }) : t('segments.newTitle');
  const back = source ? `/segments/${source.segment_id}` : '/segments';
  return (
    <section className="page page-segment-editor">
      <header className="page-header">
        <div>
          <Link to={back} className="back-link">{source ? t('segments.backToSegment') : t('segments.backToList')}</Link>
          <h1>{title}</h1>
          {copyOf ? <p className="muted">{t('segments.copyNote', { name: copyOf.name })}</p> : null}
        </div>
      </header>
      {/* The condition forms of the filter editor cannot sit inside this form (forms do not nest), so the save button names it. */}
      <form id={formId} className="card stacked-form" onSubmit={save} aria-label={title} noValidate>
        <label className="field">
          {/* the field's name stays "Name" for assistive technology, which hears aria-required instead */}
          <span>{t('segments.name')}<span aria-hidden="true"> ({t('segments.nameRequired')})</span></span>
          <input ref={nameField} name="name" value={name} required aria-required="true" maxLength={nameMaxLength}
            aria-invalid={nameProblem ? true : undefined} aria-describedby={nameProblem ? nameProblemId : undefined}
            onChange={(event) => { setName(event.target.value); setNameProblem(null); }} />
        </label>
        {/* beside the label, not in it: in it, the message (and its link) would be read as the field's name */}
        {nameProblem ? <NameProblemText id={nameProblemId} problem={nameProblem} t={t} /> : null}
        <label className="field">
          <span>{t('segments.description')}</span>
          <textarea name="description" value={description} onChange={(event) => setDescription(event.target.value)} maxLength={2000} rows={2} />
        </label>
      </form>
      <FilterEditor text={filterText} onChange={setFilterText} onPendingChange={changePending} />
      {error && filterProblemsOf(error).length === 0 ? <ErrorMessage error={error} /> : null}
      <SaveBlockMessage id={blockId} blocks={isBlockShown ? blocks : []} />
      <div className="button-row">
        <button type="submit" form={formId} className="button-primary" aria-describedby={isBlockShown && blocks.length > 0 ? blockId : undefined} disabled={isSaving || parseFilterText(filterText).status !== 'ok'}>
          {isSaving ? t('segments.saving') : t('segments.save')}
        </button>
        <Link to={back} className="button-link button-quiet">{t('common.cancel')}</Link>
      </div>
    </section>
  );
}

/** A name's problem under the Name field; a taken name links to the segment that has it. */
function NameProblemText({ id, problem, t }: { id: string; problem: SegmentNameProblem; t: I18n['t'] }) {
  if (problem.kind !== 'taken') return <p id={id} className="inline-error" role="alert">{t(problem.key)}</p>;
  const parts = nameTakenParts(problem, t);
  return <p id={id} className="inline-error" role="alert">{parts.before}<Link to={parts.to}>{parts.name}</Link>{parts.after}</p>;
}
