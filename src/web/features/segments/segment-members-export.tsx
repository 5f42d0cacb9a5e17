import { useState } from 'react';
import { consentKinds, type ConsentKind } from '../../../customers/consent-kinds.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { CsvExportButton } from '../customers/export-button.js';
import type { ExportProgress } from '../customers/export-customers.js';
import { exportSegmentMembers } from '../customers/export-customers.js';
import { segmentFilePart } from '../customers/export-file-name.js';
import { exportConsentingMembers } from './export-members.js';

type Audience = 'everyone' | ConsentKind;

const audienceKeys: Record<Audience, string> = {
  everyone: 'segments.exportAudience.everyone', email: 'segments.exportAudience.email', sms: 'segments.exportAudience.sms', whatsapp: 'segments.exportAudience.whatsapp', profiling: 'segments.exportAudience.profiling',
};
const consentFileKeys: Record<ConsentKind, string> = { email: 'files.consent.email', sms: 'files.consent.sms', whatsapp: 'files.consent.whatsapp', profiling: 'files.consent.profiling' };
const missingConsentKeys: Record<ConsentKind, string> = { email: 'segments.exportNoConsent.email', sms: 'segments.exportNoConsent.sms', whatsapp: 'segments.exportNoConsent.whatsapp', profiling: 'segments.exportNoConsent.profiling' };

/** What an export with a consent did: written, and left out for want of that consent. */
export type ExportOutcome = { kind: ConsentKind; exported: number; leftOut: number };

type SegmentMembersExportProps = { segmentId: number; segmentName: string; onOutcome: (outcome: ExportOutcome | null) => void };

/**
 * The members export with a choice of whom: everyone, or only those who agreed to a kind of
 * consent (the CLI's `--consent`), then how many were left out for want of it.
 */
export function SegmentMembersExport({ segmentId, segmentName, onOutcome }: SegmentMembersExportProps) {
  const { t } = useI18n();
  const [audience, setAudience] = useState<Audience>('everyone');
  const [isExporting, setIsExporting] = useState(false);

  const exportCsv = async (progress: ExportProgress): Promise<string[]> => {
    onOutcome(null);
    setIsExporting(true);
    try {
      if (audience === 'everyone') return await exportSegmentMembers(segmentId, progress);
      const kind = audience;
      const result = await exportConsentingMembers(segmentId, kind, progress);
      // a stopped export saves no file, so it has nothing to report
      if (!progress.signal.aborted) onOutcome({ kind, exported: result.exported, leftOut: result.leftOut });
      return result.parts;
    } finally {
      setIsExporting(false);
    }
  };
  // "segmen-vip-persetujuan-email-…": which members a file holds is in its name, in the reader's words
  const fileParts = [segmentFilePart(segmentName, segmentId), ...(audience === 'everyone' ? [] : [t(consentFileKeys[audience])])];

  return (
    <div className="export-button">
      <label className="field small">
        <span>{t('segments.exportAudience.label')}</span>
        <select value={audience} disabled={isExporting} onChange={(event) => { setAudience(event.target.value as Audience); onOutcome(null); }}>
          {(['everyone', ...consentKinds] as const).map((each) => <option key={each} value={each}>{t(audienceKeys[each])}</option>)}
        </select>
      </label>
      <CsvExportButton fileBase={t('files.segment')} fileParts={fileParts} exportCsv={exportCsv} />
    </div>
  );
}

/** "1,328 exported; 1,965 left out: no email consent", announced when it appears. */
export function ExportOutcomeStatus({ outcome }: { outcome: ExportOutcome | null }) {
  const { t, format, locale } = useI18n();
  return (
    <div role="status" aria-live="polite">
      {outcome ? (
        <p className="notice-success">
          {t('segments.exportOutcome', {
            exported: t(pluralKey(locale, 'segments.exportedCount', outcome.exported), { count: format.number(outcome.exported) }),
            leftOut: t(pluralKey(locale, 'segments.leftOutCount', outcome.leftOut), { count: format.number(outcome.leftOut), reason: t(missingConsentKeys[outcome.kind]) }),
          })}
        </p>
      ) : null}
    </div>
  );
}
