import type { CustomerPrediction } from '../../api/analytics-types.js';
import type { TimelineEntry } from '../../api/types.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ReportSection } from '../reports/report-section.js';
import { Card } from '../../components/card.js';
import { chanceText } from './chance-text.js';
import { noPredictionText, predictionFigures, type PredictionNoteKey } from './prediction-figures.js';
import { predictionStaleness } from './prediction-staleness.js';
import { predictionStalenessText } from './derived-staleness-text.js';
import { typePredictionDisagreement } from './type-prediction-disagreement.js';
import { unpricedPredictionFigures } from './unpriced-money.js';
import { useStoreHasPrices } from './use-store-has-prices.js';

const churnRisks = ['low', 'medium', 'high'];

/** Each note's class (prediction-not-estimated…), for the page's tests and styles. */
const noteClasses: Record<PredictionNoteKey, string> = {
  notEstimated: 'prediction-not-estimated', storeAverage: 'prediction-store-average', freePurchasesOnly: 'prediction-free-purchases-only',
  noSpendModel: 'prediction-no-spend-model', discounted: 'prediction-discounted',
};
/** Notes about spend and value, which a store without prices has none of: its card says so instead (unpriced-money.ts). */
const spendNotes: readonly PredictionNoteKey[] = ['freePurchasesOnly', 'noSpendModel', 'discounted'];

type PredictionCardProps = {
  prediction: PendingData<CustomerPrediction>; hasPurchased: boolean; types: readonly string[] | null;
  /** The customer's timeline as loaded so far: a merge or orders since the prediction make its figures out of date. */
  customerId: number; timeline: readonly TimelineEntry[];
  /** The customer's orders recorded or changed after the prediction, counted by the server (the customer detail); null while not known. */
  ordersRecordedSince: number | null;
};

/**
 * The models' view of one customer: P(alive), the next 90 days, lifetime value and churn risk; "no prediction yet" before the models ran or without a purchase.
 * Figures read as what they are (prediction-figures.ts): a one-time buyer's spend as the store's average, what rounds to nothing as "none expected".
 * Where the customer's type tells another story (at risk by their rhythm, yet likely active), one sentence says why both hold.
 * Made before a merge or before the latest orders, it says so above the figures, which the next prediction run replaces.
 */
export function PredictionCard({ prediction, hasPurchased, types, customerId, timeline, ordersRecordedSince }: PredictionCardProps) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const hasPrices = useStoreHasPrices();
  if (!hasPurchased) return <Card title={t('customer.prediction.title')}><p className="empty-state">{noPredictionText(false, t)}</p></Card>;
  return (
    <ReportSection title={t('customer.prediction.title')} source={prediction} emptyText={noPredictionText(true, t)} emptyCodes={['PREDICTION_NOT_FOUND']}>
      {(data) => {
        const figures = hasPrices === false ? unpricedPredictionFigures(predictionFigures(data, i18n), t) : predictionFigures(data, i18n);
        const notes = hasPrices === false ? figures.notes.filter((note) => !spendNotes.includes(note.key)) : figures.notes;
        return (
          <>
            <StaleNote prediction={data} customerId={customerId} timeline={timeline} ordersRecordedSince={ordersRecordedSince} />
            <dl className="facts">
              <div>
                <dt>{t('customer.prediction.pAlive')}</dt>
                <dd className="prediction-p-alive">{data.pAlive === null ? <span title={t('customer.prediction.notEstimatedWhy')}>{figures.chance}</span> : figures.chance}</dd>
              </div>
              <div>
                <dt>{t('customer.prediction.churnRisk')}</dt>
                <dd>{data.churnRisk === null
                  ? <span className="muted">{t('customer.prediction.notEstimated')}</span>
                  : <span className={`badge risk-${data.churnRisk}`}>{churnRisks.includes(data.churnRisk) ? t(`customer.prediction.risks.${data.churnRisk}`) : data.churnRisk}</span>}</dd>
              </div>
              <div><dt>{t('customer.prediction.expectedPurchases', { days: 90 })}</dt><dd className="prediction-expected-purchases">{figures.expectedPurchases}</dd></div>
              <div><dt>{t('customer.prediction.expectedSpend')}</dt><dd className="prediction-expected-spend">{figures.expectedSpend}</dd></div>
              <div><dt>{figures.clvLabel}</dt><dd className="prediction-clv">{figures.clv}</dd></div>
              <div><dt>{t('customer.prediction.nextPurchase')}</dt><dd className="prediction-next-purchase">{figures.nextPurchase}</dd></div>
            </dl>
            {notes.map((note) => <p key={note.key} className={`muted small ${noteClasses[note.key]}`}>{note.text}.</p>)}
            <DisagreementNote types={types} prediction={data} />
            <p className="muted small">{t('customer.prediction.basis', { model: t(`customer.prediction.models.${data.model === 'paretonbd' ? 'paretonbd' : 'bgnbd'}`), asOf: format.date(data.asOf) })}</p>
          </>
        );
      }}
    </ReportSection>
  );
}

function DisagreementNote({ types, prediction }: { types: readonly string[] | null; prediction: CustomerPrediction }) {
  const { t, format } = useI18n();
  const disagreement = typePredictionDisagreement(types, prediction);
  if (!disagreement || prediction.pAlive === null) return null;
  return <p className="small prediction-disagreement">{t(`customer.prediction.disagreement.${disagreement}`, { pAlive: chanceText(prediction.pAlive, format) })}</p>;
}

/** The prediction's date and what happened since, before its figures: a merged or returning customer's card must not read as current. */
function StaleNote({ prediction, customerId, timeline, ordersRecordedSince }: {
  prediction: CustomerPrediction; customerId: number; timeline: readonly TimelineEntry[]; ordersRecordedSince: number | null;
}) {
  const i18n = useI18n();
  const staleness = predictionStaleness(prediction, timeline, customerId, ordersRecordedSince);
  if (!staleness) return null;
  return <p className="notice small prediction-stale" role="status">{predictionStalenessText(staleness, prediction, i18n)}</p>;
}
