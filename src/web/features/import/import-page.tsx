import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomerIdSource, IngestEntity } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import type { Preset } from '../../../ingest/presets/index.js';
import type { RecognisedExport } from '../../../ingest/presets/recognise-export.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { ColumnMapping } from './column-mapping.js';
import { CsvPreview } from './csv-preview.js';
import { adviseOnFileHeader } from './header-advice.js';
import { HeaderAdviceNotice, HeaderLineField } from './header-line-field.js';
import { EntityWarning } from './entity-warning.js';
import { likelierEntity } from './entity-hint.js';
import { defaultSourceChoice, firstSourceName, sourceToSend, type SourceChoice } from './import-source.js';
import { SourceField, SourceHint } from './source-field.js';
import { DateColumnWarnings, DateFormatProblem, importHeldBackDescription, ProvenDateFormatNote } from './date-column-warnings.js';
import { columnsRefusedWhole, provenDateFormat, unreadableDateColumns } from './date-columns.js';
import { ImportProgress } from './import-progress.js';
import { RejectsTable } from './rejects-table.js';
import { rowTextsOf, withRowText } from './rejects-csv.js';
import { alternativesText } from './field-labels.js';
import { missingRequirements } from './field-requirements.js';
import { importEntities, suggestMapping, withLinesSetAside, type MappingGuess } from './import-mapping.js';
import { browserPresets, columnListText, presetMapping, toLineRecords, unmappedColumns } from './import-rows.js';
import { parseCsv, type ParsedCsv, type UndecodableFile } from './parse-csv.js';
import { EncodingField, UndecodableNotice } from './encoding-field.js';
import { blocksImport, problemsShown } from './parse-problems.js';
import { parseProblemText } from './parse-problem-text.js';
import { blocksUntilFormatChosen, needsFormatChoice } from './format-choice.js';
import { emptyTotals, runImport, type ImportTotals } from './run-import.js';
import { useReloadStoreSettings } from '../settings/store-settings-context.js';
import { isFocusLost } from '../customers/use-focus-on-close.js';
import { useSession } from '../auth/session-context.js';
import { offersConsentOverride } from './consent-override.js';

type Phase = 'choose' | 'map' | 'running' | 'done';

export function ImportPage() {
  const { t, format, locale } = useI18n();
  const [entity, setEntity] = useState<IngestEntity>('customers');
  const [preset, setPreset] = useState<Preset | null>(null);
  // null until the user (or a format) gives one: the file's own dates may then prove it
  const [chosenDateFormat, setChosenDateFormat] = useState<string | null>(null);
  const [csv, setCsv] = useState<ParsedCsv | null>(null);
  const [file, setFile] = useState<File | null>(null);
  // null while the file reads as UTF-8 (or its byte order mark's encoding); else the one the user chose
  const [chosenEncoding, setChosenEncoding] = useState<string | null>(null);
  const [undecodable, setUndecodable] = useState<UndecodableFile | null>(null);
  // the line the header is read from, below a report's title (the CLI's --header-line); each file starts at its first
  const [chosenHeaderLine, setChosenHeaderLine] = useState(1);
  const [mapping, setMapping] = useState<Mapping>({});
  const [choices, setChoices] = useState<MappingGuess['choices']>({});
  const [setAside, setSetAside] = useState<MappingGuess['setAside']>({});
  const [phase, setPhase] = useState<Phase>('choose');
  const [totals, setTotals] = useState<ImportTotals>(emptyTotals);
  const [error, setError] = useState<Error | null>(null);
  // null until the user chooses: the format's source, else the one most customer ids come from
  const [chosenSource, setChosenSource] = useState<SourceChoice | null>(null);
  // the user read that the file looks like another kind of data and imports it as chosen all the same
  const [isEntityKept, setIsEntityKept] = useState(false);
  // the user read that the file is a known export's and imports it by its column names all the same; asked anew for each file and format
  const [isReadByColumnNames, setIsReadByColumnNames] = useState(false);
  // a customers file sent as the consent authority: its yes replaces a customer's refusal. Offered only to
  // the roles allowed it (consent:override: owners, admins), chosen anew for each file
  const { can } = useSession();
  const [overridesRefusals, setOverridesRefusals] = useState(false);
  const isConsentOverrideOffered = offersConsentOverride(entity, can);
  const sourceList = useApiData<{ sources: CustomerIdSource[] }>('/api/ingest/sources');
  const controller = useRef<AbortController | null>(null);
  // when the run is over, focus goes from its buttons (Cancel is gone) to what it came to; not from where the user has since moved it
  const startButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // the progress, below a long list of fields on a phone, is brought into view when the import starts (its card holds the summary)
    if (phase === 'running') summary.current?.closest('section')?.scrollIntoView?.({ block: 'start' });
    if (phase === 'done' && (isFocusLost() || document.activeElement === startButton.current)) summary.current?.focus();
  }, [phase]);
  // orders change what the settings say of the store: whether its orders carry prices, what can no longer change
  const reloadStoreSettings = useReloadStoreSettings();
  const missing = csv ? missingRequirements(entity, mapping).map((requirement) => alternativesText(t, entity, requirement.fields)) : [];
  const unmapped = csv && !preset ? unmappedColumns(csv.headers, mapping) : [];
  const presets = browserPresets(entity);
  // a broken quote would send rows holding their neighbours' data: the file must be fixed first
  const isBlocked = csv !== null && blocksImport(csv.problems);
  const provenDates = useMemo(() => (csv && chosenDateFormat === null ? provenDateFormat(entity, csv.rows, mapping) : null), [entity, csv, mapping, chosenDateFormat]);
  const dateFormat = chosenDateFormat ?? provenDates?.format ?? '';
  const source = chosenSource ?? defaultSourceChoice(preset?.source ?? null, sourceList.data?.sources ?? []);
  // products are keyed by SKU alone: no ids of a source
  const usesSource = entity !== 'products';
  const isSourceReady = !usesSource || (!sourceList.isLoading && sourceToSend(source) !== null);
  // a format names its own columns: the user chose the data with it
  const entityHint = useMemo(() => (csv && !preset && !isEntityKept ? likelierEntity(entity, csv.headers, csv.rows, { mapping, choices, setAside }) : null),
    [entity, csv, preset, isEntityKept, mapping, choices, setAside]);
  // the rows the reading refused are read too, as the CLI counts them: the result says so
  const recordCount = csv ? csv.rows.length + csv.rejects.length : 0;
  // the download gives each rejected row as written, as the CLI's rejects file does
  const hasRejects = totals.rejects.length > 0;
  const rowTexts = useMemo(() => (csv && hasRejects ? rowTextsOf(csv) : null), [csv, hasRejects]);
  const rejectsWithRows = useMemo(() => (rowTexts ? withRowText(totals.rejects, rowTexts) : totals.rejects), [rowTexts, totals.rejects]);
  const unreadableDates = useMemo(() => (csv ? unreadableDateColumns(entity, csv.rows, mapping, dateFormat) : []), [entity, csv, mapping, dateFormat]);
  // a format given that refuses every date of a column would have every row refused: said under the field, and the import waits for one that fits
  const datesRefusedWhole = useMemo(() => (csv ? columnsRefusedWhole(csv.rows, unreadableDates) : []), [csv, unreadableDates]);
  const dateFormatProblems = unreadableDates.filter((column) => column.format !== null && column.value !== null);
  // a header below a report's title, or a known export's read without its format: said with the click that reads it so;
  // JSON Lines have no header line, their keys are the columns
  const headerAdvice = useMemo(() => {
    const advice = csv ? adviseOnFileHeader(entity, csv, preset, mapping) : null;
    if (!advice || !csv?.isJsonLines) return advice;
    return advice.preset === null ? null : { ...advice, headerLine: null };
  }, [entity, csv, preset, mapping]);
  // a known export read without its format is refused, as the CLI refuses it (IMPORT_PRESET_NEEDED), unless the user says its column names are meant
  const isFormatNeeded = needsFormatChoice(headerAdvice, preset);
  const isWaitingForFormat = blocksUntilFormatChosen(headerAdvice, preset, isReadByColumnNames);
  const shownProblems = csv ? problemsShown(csv.problems, csv.headerLine, headerAdvice?.headerLine ?? null) : [];

  const suggest = (nextEntity: IngestEntity, nextPreset: Preset | null, file: ParsedCsv) => {
    const guess = nextPreset ? { mapping: presetMapping(nextPreset, file.headers), choices: {}, setAside: {} } : suggestMapping(nextEntity, file.headers, file.rows);
    setMapping(guess.mapping);
    setChoices(guess.choices);
    setSetAside(guess.setAside);
  };
  // mapping unit_price makes an orders file's rows order lines: the line columns set aside are mapped again
  const changeMapping = (next: Mapping) => setMapping(withLinesSetAside(entity, mapping, next, setAside));
  const readFile = async (chosen: File, encoding: string | null, headerLine: number) => {
    setError(null);
    setTotals(emptyTotals);
    setIsEntityKept(false);
    try {
      const parsed = await parseCsv(chosen, encoding ?? 'utf-8', headerLine);
      if ('undecodable' in parsed) {
        // nothing of a file read with the wrong encoding is shown or sent: "J�nis" would be stored
        setCsv(null);
        setUndecodable(parsed);
        setPhase('choose');
        return;
      }
      setUndecodable(null);
      setCsv(parsed);
      suggest(entity, preset, parsed);
      setPhase('map');
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const chooseFile = async (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setOverridesRefusals(false);
    setIsReadByColumnNames(false);
    setChosenEncoding(null);
    setChosenHeaderLine(1);
    setUndecodable(null);
    if (chosen) await readFile(chosen, null, 1);
  };
  const chooseEncoding = async (encoding: string) => {
    setChosenEncoding(encoding);
    if (file) await readFile(file, encoding, chosenHeaderLine);
  };
  const chooseHeaderLine = async (line: number) => {
    setChosenHeaderLine(line);
    if (file) await readFile(file, chosenEncoding, line);
  };
  const chooseEntity = (next: IngestEntity) => {
    setEntity(next);
    setOverridesRefusals(false);
    setIsEntityKept(false);
    setIsReadByColumnNames(false);
    setPreset(null);
    setChosenDateFormat(null);
    if (csv) suggest(next, null, csv);
  };
  const applyPreset = (nextEntity: IngestEntity, next: Preset | null) => {
    setPreset(next);
    setIsReadByColumnNames(false);
    setChosenDateFormat(next?.dateFormat ?? null);
    if (csv) suggest(nextEntity, next, csv);
  };
  const choosePreset = (name: string) => applyPreset(entity, presets.find((candidate) => candidate.name === name) ?? null);
  // the format the file looks like, of the data it holds: that data is chosen with it
  const adoptRecognisedPreset = ({ entity: presetEntity, preset: name }: RecognisedExport) => {
    const next = browserPresets(presetEntity).find((candidate) => candidate.name === name);
    if (!next) return;
    if (presetEntity !== entity) {
      setEntity(presetEntity);
      setOverridesRefusals(false);
      setIsEntityKept(false);
    }
    applyPreset(presetEntity, next);
  };
  const start = async () => {
    if (!csv || phase === 'running') return;
    controller.current = new AbortController();
    setError(null);
    setTotals(emptyTotals);
    setPhase('running');
    try {
      const rows = toLineRecords(csv, mapping, { entity, preset });
      const request = { entity, source: sourceToSend(source) ?? firstSourceName, dateFormat: dateFormat.trim() || null, fileName: csv.fileName, preset: preset?.name ?? null,
        consentOverridesRefusals: isConsentOverrideOffered && overridesRefusals };
      setTotals(await runImport(request, rows, setTotals, controller.current.signal));
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setPhase('done');
      reloadStoreSettings();
      // the file may have brought a source's first ids
      sourceList.reload();
    }
  };

  return (
    <section className="page page-import">
      <header className="page-header"><h1>{t('import.title')}</h1></header>
      <Card title={t('import.step1')}>
        <div className="inline-form">
          <label className="field">
            <span>{t('import.entity')}</span>
            <select name="entity" value={entity} disabled={phase === 'running'} onChange={(event) => chooseEntity(event.target.value as IngestEntity)}>
              {importEntities.map((option) => <option key={option} value={option}>{t(`entities.${option}`)}</option>)}
            </select>
          </label>
          {presets.length > 0 ? (
            <label className="field">
              <span>{t('import.format')}</span>
              <select name="format" value={preset?.name ?? ''} disabled={phase === 'running'} onChange={(event) => choosePreset(event.target.value)}>
                <option value="">{t('import.formatOwn')}</option>
                {presets.map((option) => <option key={option.name} value={option.name}>{t(`import.presets.${option.name}`)}</option>)}
              </select>
            </label>
          ) : null}
          {usesSource ? <SourceField sources={sourceList.data?.sources ?? []} choice={source} isDisabled={phase === 'running' || sourceList.isLoading} onChange={setChosenSource} /> : null}
          <label className="field">
            <span>{t('import.file')}</span>
            <input type="file" name="file" accept=".csv,.tsv,.txt,.jsonl,.ndjson,text/csv,application/x-ndjson" disabled={phase === 'running'} onChange={(event) => void chooseFile(event.target.files?.[0])} />
          </label>
          {undecodable || chosenEncoding !== null ? <EncodingField value={chosenEncoding} isDisabled={phase === 'running'} hasProblem={undecodable !== null} onChange={(encoding) => void chooseEncoding(encoding)} /> : null}
          <label className="field">
            <span>{t('import.dateFormat')}</span>
            <input type="text" name="dateFormat" value={dateFormat} placeholder="dd/MM/yyyy" disabled={phase === 'running'}
              aria-invalid={dateFormatProblems.length > 0 ? true : undefined}
              aria-describedby={['date-format-hint', ...(provenDates ? ['date-format-proven'] : []), ...(dateFormatProblems.length > 0 ? ['date-format-problem'] : [])].join(' ')}
              onChange={(event) => setChosenDateFormat(event.target.value)} />
          </label>
        </div>
        {dateFormatProblems.length > 0 ? <DateFormatProblem id="date-format-problem" entity={entity} columns={dateFormatProblems} refusedWhole={datesRefusedWhole} /> : null}
        <p id="date-format-hint" className="muted small">{t('import.dateFormatHint')}</p>
        {usesSource ? <SourceHint /> : null}
        {sourceList.error ? <ErrorMessage error={sourceList.error} /> : null}
        {undecodable ? <UndecodableNotice file={undecodable} /> : null}
        {provenDates ? <ProvenDateFormatNote entity={entity} proven={provenDates} id="date-format-proven" /> : null}
        {shownProblems.length > 0 ? (
          <ul className="inline-error" role={isBlocked ? 'alert' : undefined}>
            {shownProblems.slice(0, 20).map((problem, index) => (
              <li key={index}>{parseProblemText(problem, t, locale)}</li>
            ))}
          </ul>
        ) : null}
        {csv?.isEmpty ? <p className="inline-error" role="alert">{t('import.emptyFile', { file: csv.fileName })}</p> : null}
      </Card>
      {/* a file of nothing but blanks has no columns to map: said under its choice (step 1) as the CLI says it (IMPORT_FILE_EMPTY), with no step 2 */}
      {csv && !csv.isEmpty ? (
        <Card title={t('import.step2')}>
          <div className="inline-form">
            {csv.isJsonLines ? null : <HeaderLineField csv={csv} advisedLine={headerAdvice?.headerLine ?? null} isDisabled={phase === 'running'} onChange={(line) => void chooseHeaderLine(line)} />}
          </div>
          {headerAdvice ? (
            <HeaderAdviceNotice advice={headerAdvice} entity={entity} isDisabled={phase === 'running'}
              formatChoice={{ isNeeded: isFormatNeeded, isReadByColumnNames, onReadByColumnNames: setIsReadByColumnNames }} onUseLine={(line) => void chooseHeaderLine(line)} onUsePreset={adoptRecognisedPreset} />
          ) : null}
          <CsvPreview csv={csv} />
          {entityHint ? <EntityWarning entity={entity} hint={entityHint} onSwitch={() => chooseEntity(entityHint.entity)} onKeep={() => setIsEntityKept(true)} /> : null}
          <DateColumnWarnings entity={entity} columns={unreadableDates} saidUnderField={dateFormatProblems.map((column) => column.field)} onUseFormat={setChosenDateFormat} />
          <ColumnMapping entity={entity} headers={csv.headers} firstRow={csv.rows[0]} mapping={mapping} onChange={changeMapping} choices={choices} isFixed={preset !== null} />
          {unmapped.length > 0 ? <p className="muted small unmapped-columns">{t('import.unmapped', { columns: columnListText(unmapped) })}</p> : null}
          {missing.length > 0 ? <p className="inline-error" role="alert">{t('import.missing', { fields: missing.join(', ') })}</p> : null}
          {recordCount === 0 ? <p className="inline-error">{t('import.noRows')}</p> : null}
          {isConsentOverrideOffered ? (
            <div className="consent-override">
              <label className="checkbox-field">
                <input type="checkbox" name="consentOverridesRefusals" checked={overridesRefusals} disabled={phase === 'running'} aria-describedby="consent-override-hint"
                  onChange={(event) => setOverridesRefusals(event.target.checked)} />
                <span>{t('import.consentOverride')}</span>
              </label>
              <p id="consent-override-hint" className="muted small">{t('import.consentOverrideHint')}</p>
            </div>
          ) : null}
          <div className="button-row">
            {/* aria-disabled, not disabled, while it runs: a disabled button drops the keyboard's focus to the page's start; it says it is importing, and looks unavailable */}
            <button ref={startButton} type="button" className="button-primary"
              disabled={missing.length > 0 || isBlocked || isWaitingForFormat || entityHint !== null || !isSourceReady || recordCount === 0 || datesRefusedWhole.length > 0}
              aria-describedby={importHeldBackDescription(datesRefusedWhole, dateFormatProblems)}
              aria-disabled={phase === 'running'} aria-busy={phase === 'running' ? true : undefined} style={phase === 'running' ? { opacity: 0.55, cursor: 'progress' } : undefined}
              onClick={() => void start()}>
              {phase === 'running' ? t('import.running') : t(pluralKey(locale, 'import.start', recordCount), { rows: format.number(recordCount) })}
            </button>
            {phase === 'running' ? <button type="button" className="button-quiet" onClick={() => controller.current?.abort()}>{t('common.cancel')}</button> : null}
          </div>
        </Card>
      ) : null}
      {/* always there, so that the start of an import is read out as the progress comes into view */}
      <p className="visually-hidden" role="status">{phase === 'running' ? t('import.running') : ''}</p>
      {phase === 'running' || phase === 'done' ? (
        <Card title={t('import.step3')}>
          <ImportProgress totals={totals} total={recordCount} isDone={phase === 'done'} summaryRef={summary} />
          {error ? <ErrorMessage error={error} /> : null}
          <RejectsTable rejects={rejectsWithRows} entity={entity} importedFile={csv?.fileName ?? null} />
        </Card>
      ) : null}
      {phase === 'choose' && error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
