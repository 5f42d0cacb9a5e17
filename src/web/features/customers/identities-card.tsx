import type { Identity } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { identityLabel } from './identity-label.js';

export function IdentitiesCard({ identities }: { identities: Identity[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('customer.identities')}>
      <ul className="identity-list">
        {identities.map((identity) => (
          <li key={`${identity.kind}:${identity.namespace}:${identity.value}`}>
            <span className="muted">{identityLabel(identity, t)}</span>{' '}
            <span className="identity-value">{identity.value}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
