import type { PersonaShift } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';

/** Each current persona's share of the customers active in each period; "grew" and "shrank" are the server's flags. */
export function PersonaShiftsTable({ shifts }: { shifts: PersonaShift[] }) {
  const { t, format } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{t('drift.shiftsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('personas.persona')}</th>
            <th scope="col" className="numeric">{t('drift.before')}</th>
            <th scope="col" className="numeric">{t('drift.after')}</th>
            <th scope="col">{t('drift.shift')}</th>
          </tr>
        </thead>
        <tbody>
          {shifts.map((shift) => (
            <tr key={shift.personaId}>
              <th scope="row"><Link to={`/personas/${shift.personaId}`}>{shift.label}</Link></th>
              <td className="numeric">{format.percent(shift.beforeShare)}</td>
              <td className="numeric">{format.percent(shift.afterShare)}</td>
              <td><span className={`shift shift-${shift.change}`}>{t(`drift.changes.${shift.change}`)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
