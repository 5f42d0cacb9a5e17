import type { CustomerPrediction } from '../../api/analytics-types.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ReportSection } from '../reports/report-section.js';
import { Card } from '../../components/card.js';
import { typePredictionDisagreement } from './type-prediction-disagreement.js';

const churnRisks = ['low', 'medium', 'high'];

type PredictionCardProps = { prediction: PendingData<CustomerPrediction>; hasPurchased: boolean; types: readonly string[] | null };

/**
 * The models' view of one customer: P(alive), the next 90 days, lifetime value and churn risk; "no prediction yet" before the models ran or without a purchase.
 * Where the customer's type tells another story (at risk by their rhythm, yet likely active), one sentence says why both hold.
 */
export function PredictionCard({ prediction, hasPurchased, types }: PredictionCardProps) {
  const { t, format } = useI18n();
  if (!hasPurchased) return <Card title={t('customer.prediction.title')}><p className="empty-state">{t('customer.prediction.none')}</p></Card>;
  return (
    <ReportSection title={t('customer.prediction.title')} source={prediction} emptyText={t('customer.prediction.none')} emptyCodes={['PREDICTION_NOT_FOUND']}>
      {(data) => (
        <>
          <dl className="facts">
            <div>
              <dt>{t('customer.prediction.pAlive')}</dt>
              <dd className="prediction-p-alive">{data.pAlive === null ? <span title={t('customer.prediction.notEstimatedWhy')}>{t('customer.prediction.notEstimated')}</span> : format.percent(data.pAlive, 0)}</dd>
            </div>
            <div>
              <dt>{t('customer.prediction.churnRisk')}</dt>
              <dd>{data.churnRisk === null
                ? <span className="muted">{t('customer.prediction.notEstimated')}</span>
                : <span className={`badge risk-${data.churnRisk}`}>{churnRisks.includes(data.churnRisk) ? t(`customer.prediction.risks.${data.churnRisk}`) : data.churnRisk}</span>}</dd>
            </div>
            <div><dt>{t('customer.prediction.expectedPurchases', { days: 90 })}</dt><dd>{format.number(data.expectedPurchases90d, 1)}</dd></div>
            <div><dt>{t('customer.prediction.expectedSpend')}</dt><dd>{data.expectedSpendMinor === null ? t('customer.prediction.notEstimated') : format.money(Math.round(data.expectedSpendMinor))}</dd></div>
            <div><dt>{t('customer.prediction.clv')}</dt><dd>{data.clvMinor === null ? t('customer.prediction.notEstimated') : format.money(Math.round(data.clvMinor))}</dd></div>
            <div><dt>{t('customer.prediction.nextPurchase')}</dt><dd>{data.nextPurchaseDay ? format.date(data.nextPurchaseDay.slice(0, 10)) : t('customer.prediction.noNextPurchase')}</dd></div>
          </dl>
          {data.pAlive === null && <p className="muted small prediction-not-estimated">{t('customer.prediction.notEstimatedWhy')}.</p>}
          <DisagreementNote types={types} prediction={data} />
          <p className="muted small">{t('customer.prediction.basis', { model: t(`customer.prediction.models.${data.model === 'paretonbd' ? 'paretonbd' : 'bgnbd'}`), asOf: format.date(data.asOf.slice(0, 10)) })}</p>
        </>
      )}
    </ReportSection>
  );
}

function DisagreementNote({ types, prediction }: { types: readonly string[] | null; prediction: CustomerPrediction }) {
  const { t, format } = useI18n();
  const disagreement = typePredictionDisagreement(types, prediction);
  if (!disagreement || prediction.pAlive === null) return null;
  return <p className="small prediction-disagreement">{t(`customer.prediction.disagreement.${disagreement}`, { pAlive: format.percent(prediction.pAlive, 0) })}</p>;
}
