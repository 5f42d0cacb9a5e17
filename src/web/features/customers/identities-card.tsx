import type { Identity } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';

export function IdentitiesCard({ identities }: { identities: Identity[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('customer.identities')}>
      <ul className="identity-list">
        {identities.map((identity) => (
          <li key={`${identity.kind}:${identity.namespace}:${identity.value}`}>
            <span className="muted">{identity.kind === 'external' ? identity.namespace : t(`customer.identityKinds.${identity.kind}`)}</span>{' '}
            <span className="identity-value">{identity.value}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
