import type { FilterField } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { fieldDescription } from './field-description.js';
import { fieldLabel } from './field-kinds.js';

/** The fields a filter may name (GET /api/segments/fields): label, name in the JSON, and what the field means, all in the reader's language. */
export function FieldReference({ fields }: { fields: FilterField[] }) {
  const { t } = useI18n();
  return (
    <details className="field-reference">
      <summary>{t('segments.fieldsTitle', { count: fields.length })}</summary>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('segments.fieldsTitle', { count: fields.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('segments.builder.field')}</th>
              <th scope="col">{t('segments.fieldType')}</th>
              <th scope="col" className="hide-narrow">{t('segments.fieldDescription')}</th>
              <th scope="col">{t('segments.fieldAvailable')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const description = fieldDescription(t, field);
              return (
                <tr key={field.name}>
                  <td><span className="field-label">{fieldLabel(t, field.name)}</span> <code>{field.name}</code></td>
                  <td>{t(`segments.fieldTypes.${field.type}`)}</td>
                  <td className="hide-narrow" lang={description.lang}>{description.text}</td>
                  <td>{field.isAvailable ? t('common.yes') : t('segments.notYet')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
