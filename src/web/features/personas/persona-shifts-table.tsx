import type { PersonaList, PersonaShift } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { usePersonaWords, WordingText } from './persona-name-text.js';
import { personaDisplayName, type Wording } from './persona-name.js';

/** Each current persona's share of the customers active in each period; "grew" and "shrank" are the server's flags. */
export function PersonaShiftsTable({ shifts }: { shifts: PersonaShift[] }) {
  const { t, format } = useI18n();
  const words = usePersonaWords();
  // the report names personas as the server does; their traits (for the reader's words) come with the list
  const personas = useApiData<PersonaList>('/api/personas');
  const labelOf = (shift: PersonaShift): Wording => {
    const persona = personas.data?.personas.find((candidate) => candidate.personaId === shift.personaId);
    return persona && persona.name === shift.label ? personaDisplayName(persona, words) : { text: shift.label };
  };
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
              <th scope="row"><Link to={`/personas/${shift.personaId}`}><WordingText wording={labelOf(shift)} /></Link></th>
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
