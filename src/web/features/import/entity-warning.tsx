import type { IngestEntity } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { EntityHint } from './entity-hint.js';

/**
 * Said before the import, which waits for an answer: the file's header looks like another kind
 * of data's (an orders file chosen as customers would update customers and skip its orders).
 * One click switches the Data choice; the other imports as chosen. Of a file lacking the chosen data's
 * required columns (a customers file chosen as orders), said as the file lacking them.
 */
export function EntityWarning({ entity, hint, onSwitch, onKeep }: { entity: IngestEntity; hint: EntityHint; onSwitch: () => void; onKeep: () => void }) {
  const { t } = useI18n();
  const names = { entity: t(`entities.${hint.entity}`), current: t(`entities.${entity}`) };
  return (
    <div className="notice entity-warning" role="alert">
      <p>{t(hint.lacksRequired ? 'import.otherEntityLacking' : 'import.otherEntity', { ...names, columns: hint.columns.join(', ') })}</p>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={onSwitch}>{t('import.switchEntity', names)}</button>
        <button type="button" className="button-secondary" onClick={onKeep}>{t('import.keepEntity', names)}</button>
      </div>
    </div>
  );
}
