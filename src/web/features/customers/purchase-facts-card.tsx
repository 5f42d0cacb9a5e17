import type { Traits } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { refundedText } from './refunded-text.js';
import { moneyOrUnpriced } from './unpriced-money.js';
import { useStoreHasPrices } from './use-store-has-prices.js';

const channelCounts = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const;

export function PurchaseFactsCard({ traits }: { traits: Traits | null }) {
  const { t, format } = useI18n();
  const hasPrices = useStoreHasPrices();
  const money = (amountMinor: number) => moneyOrUnpriced(amountMinor, hasPrices, { t, format });
  if (!traits || traits.order_count === 0) {
    return <section className="card"><header className="card-header"><h2>{t('customer.purchases')}</h2></header><p className="empty-state">{t('customer.noPurchases')}</p></section>;
  }
  const facts: Array<[string, string]> = [
    ['revenue', money(traits.revenue_minor)],
    ['orders', format.number(traits.order_count)],
    ['purchaseDays', format.number(traits.purchase_days)],
    ['averageOrder', money(Math.round(traits.revenue_minor / traits.order_count))],
    ['firstPurchase', traits.first_purchase_at ? format.date(traits.first_purchase_at) : '–'],
    ['lastPurchase', traits.last_purchase_at ? format.date(traits.last_purchase_at) : '–'],
    ['refunded', refundedText(traits, { t, format: { ...format, money } })],
    ['promotionOrders', format.number(traits.promotion_order_count)],
  ];
  const channels = channelCounts.filter((channel) => traits[`${channel}_order_count`] > 0);
  return (
    <section className="card" aria-label={t('customer.purchases')}>
      <header className="card-header"><h2>{t('customer.purchases')}</h2></header>
      <dl className="facts">
        {facts.map(([key, value]) => <div key={key}><dt>{t(`customer.facts.${key}`)}</dt><dd>{value}</dd></div>)}
        <div>
          <dt>{t('customer.facts.channels')}</dt>
          <dd>{channels.map((channel) => `${t(`channels.${channel}`)} ${format.number(traits[`${channel}_order_count`])}`).join(' · ')}</dd>
        </div>
      </dl>
    </section>
  );
}
