import type { CustomerPrediction } from '../../api/analytics-types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ReportSection } from '../reports/report-section.js';

/** Predicted value and P(alive) from the models, when the models API is there. */
export function PredictionCard({ customerId }: { customerId: number }) {
  const { t, format } = useI18n();
  const prediction = usePendingEndpoint<CustomerPrediction>('customerPrediction', { parameters: { customerId } });
  return (
    <ReportSection title={t('customer.prediction.title')} source={prediction} emptyText={t('reports.common.noData')}>
      {(data) => (
        <dl className="facts">
          <div><dt>{t('customer.prediction.pAlive')}</dt><dd>{format.percent(data.pAlive, 0)}</dd></div>
          <div><dt>{t('customer.prediction.expectedPurchases', { days: data.horizonDays })}</dt><dd>{format.number(data.expectedPurchases, 1)}</dd></div>
          <div><dt>{t('customer.prediction.value', { days: data.horizonDays })}</dt><dd>{format.money(data.predictedValueMinor)}</dd></div>
          <div><dt>{t('customer.prediction.asOf')}</dt><dd>{format.date(data.asOf)}</dd></div>
        </dl>
      )}
    </ReportSection>
  );
}
