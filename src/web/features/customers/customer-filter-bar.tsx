import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { countFoldedFilters, hasAnyFilter, withoutFilters } from './active-filters.js';
import { channels, consentKinds, customerTypes, readMinSpend, rfmSegments, sorts, type CustomerFilters } from './customer-filters.js';
import { narrowScreen } from './narrow-screen.js';

/** The profile's names of the consents (customer.consents), which the filter's options reuse. */
const consentFieldOf = { email: 'consentEmail', sms: 'consentSms', whatsapp: 'consentWhatsapp', profiling: 'consentProfiling' } as const;

/** `children` (the saved views) fold away with the filters: on a phone they too stood between the search and the list. */
type FilterBarProps = { filters: CustomerFilters; onChange: (filters: CustomerFilters) => void; children?: ReactNode };

/** Open on a wide screen, folded on a phone so the first customers show without scrolling; the reader can change it. */
function useIsOpenOnWideScreens(): [boolean, (isOpen: boolean) => void] {
  const [isOpen, setIsOpen] = useState(() => !window.matchMedia(narrowScreen).matches);
  useEffect(() => {
    const query = window.matchMedia(narrowScreen);
    // a turned tablet or a resized window starts from its new width's default
    const onChange = () => setIsOpen(!query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return [isOpen, setIsOpen];
}

/**
 * The search stays in sight; the other filters fold behind a button that counts the set ones.
 * Text fields apply after a short pause so typing does not send a request per key.
 */
export function CustomerFilterBar({ filters, onChange, children }: FilterBarProps) {
  const { t, format, locale } = useI18n();
  const [draft, setDraft] = useState(filters);
  const [isOpen, setIsOpen] = useIsOpenOnWideScreens();
  const searchRef = useRef<HTMLInputElement>(null);
  const searchHelpId = useId();
  const minSpendErrorId = useId();
  const panelId = useId();
  const foldedCount = countFoldedFilters(draft);
  // judged once applied (after the pause), so "1," on the way to "1,000" is not flagged mid-typing
  const isMinSpendValid = draft.minSpend !== filters.minSpend || readMinSpend(filters.minSpend, { tag: intlTagByLocale[locale], minorPerMajor: format.minorPerMajor }).isValid;
  useEffect(() => setDraft(filters), [filters]);
  useEffect(() => {
    if (draft.q === filters.q && draft.city === filters.city && draft.minSpend === filters.minSpend) return;
    const timer = window.setTimeout(() => onChange(draft), 350);
    return () => window.clearTimeout(timer);
  }, [draft, filters, onChange]);
  const setNow = (change: Partial<CustomerFilters>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    onChange(next);
  };
  const clear = () => {
    setNow(withoutFilters(draft));
    // the pressed button goes away with the filters: the search keeps the focus in the bar, not on the page
    searchRef.current?.focus();
  };
  const applyNow = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    onChange(draft);
  };

  return (
    <div className="filter-bar" role="search" aria-label={t('customers.filters.label')}>
      <form className="filter-bar-search" onSubmit={applyNow}>
        <label className="field field-wide">
          <span>{t('customers.filters.search')}</span>
          <input ref={searchRef} type="search" name="q" value={draft.q} placeholder={t('customers.filters.searchPlaceholder')} aria-describedby={searchHelpId}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </label>
        <button type="button" className="button-secondary filter-toggle" aria-expanded={isOpen} aria-controls={panelId} onClick={() => setIsOpen(!isOpen)}>
          {foldedCount > 0 ? t('customers.filters.toggleCount', { count: format.number(foldedCount) }) : t('customers.filters.toggle')}
        </button>
        {hasAnyFilter(draft) ? <button type="button" className="button-quiet" onClick={clear}>{t('customers.filters.clear')}</button> : null}
      </form>
      {/* outside the label so the field's name stays "Search" */}
      <p id={searchHelpId} className="muted field-help">{t('customers.filters.searchHelp')}</p>
      <div id={panelId} className="filter-bar-panel" hidden={!isOpen}>
        <form className="filter-bar-fields" onSubmit={applyNow}>
          <label className="field">
            <span>{t('customers.filters.status')}</span>
            <select name="status" value={draft.status} onChange={(event) => setNow({ status: event.target.value as CustomerFilters['status'] })}>
              <option value="">{t('customers.filters.any')}</option>
              <option value="real">{t('customers.status.real')}</option>
              <option value="lead">{t('customers.status.lead')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('customers.filters.channel')}</span>
            <select name="channel" value={draft.channel} onChange={(event) => setNow({ channel: event.target.value as CustomerFilters['channel'] })}>
              <option value="">{t('customers.filters.any')}</option>
              {channels.map((channel) => <option key={channel} value={channel}>{t(`channels.${channel}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('customers.filters.type')}</span>
            <select name="type" value={draft.type} onChange={(event) => setNow({ type: event.target.value })}>
              <option value="">{t('customers.filters.any')}</option>
              {customerTypes.map((type) => <option key={type} value={type}>{t(`customerTypes.${type}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('customers.filters.rfmSegment')}</span>
            <select name="rfmSegment" value={draft.rfmSegment} onChange={(event) => setNow({ rfmSegment: event.target.value })}>
              <option value="">{t('customers.filters.any')}</option>
              {rfmSegments.map((segment) => <option key={segment} value={segment}>{t(`rfmSegments.${segment}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('customers.filters.consent')}</span>
            <select name="consent" value={draft.consent} onChange={(event) => setNow({ consent: event.target.value as CustomerFilters['consent'] })}>
              <option value="">{t('customers.filters.any')}</option>
              {consentKinds.map((kind) => <option key={kind} value={kind}>{t(`customer.consents.${consentFieldOf[kind]}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('customers.filters.city')}</span>
            <input name="city" value={draft.city} onChange={(event) => setDraft({ ...draft, city: event.target.value })} />
          </label>
          <label className="field">
            <span>{t('customers.filters.minSpend')}</span>
            <input name="minSpend" inputMode="decimal" value={draft.minSpend} onChange={(event) => setDraft({ ...draft, minSpend: event.target.value })}
              aria-invalid={!isMinSpendValid} aria-describedby={isMinSpendValid ? undefined : minSpendErrorId} />
          </label>
          <label className="field">
            <span>{t('customers.filters.sort')}</span>
            <select name="sort" value={draft.sort} onChange={(event) => setNow({ sort: event.target.value as CustomerFilters['sort'] })}>
              {sorts.map((sort) => <option key={sort} value={sort}>{t(`customers.sorts.${sort}`)}</option>)}
            </select>
          </label>
          {isMinSpendValid ? null : (
            <p id={minSpendErrorId} className="inline-error field-help" role="alert">
              {t('customers.filters.minSpendInvalid', { field: t('customers.filters.minSpend'), example: format.number(100_000) })}
            </p>
          )}
        </form>
        {children}
      </div>
    </div>
  );
}
