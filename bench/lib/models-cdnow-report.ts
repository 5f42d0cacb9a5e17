/** Prints the CDNOW validation figures quoted in docs/models.md. Run: npx tsx bench/lib/models-cdnow-report.ts */
import { dayNumberOf, loadCdnowPurchases, loadCdnowSummary } from '../../test/fixtures/models/load-cdnow.js';
import { fitBgNbd } from '../../src/models/bg-nbd.js';
import { compressSpend, compressSummaries } from '../../src/models/compress.js';
import { fitGammaGamma } from '../../src/models/gamma-gamma.js';
import { fitParetoNbd } from '../../src/models/pareto-nbd.js';
import { buildSummaries, countHoldoutPurchases } from '../../src/models/summaries.js';
import { countActualRepeatPurchases, trackExpectedRepeatPurchases } from '../../src/models/tracking.js';
import { expectedPurchases, type TransactionModel } from '../../src/models/transaction-model.js';
import { compareHoldout } from '../../src/models/validation.js';

const published = loadCdnowSummary();
const compressed = compressSummaries(published);
for (const fit of [fitBgNbd(compressed), fitParetoNbd(compressed), fitGammaGamma(compressSpend(published))]) {
  console.log(fit.model, JSON.stringify(fit.params), 'LL', fit.logLikelihood.toFixed(2), 'BIC', fit.bic.toFixed(1), 'iterations', fit.iterations, '|g|', fit.gradientNorm.toExponential(1));
}
const purchases = loadCdnowPurchases();
const summaries = buildSummaries(purchases, dayNumberOf('19970930'), 'week');
const actual = countHoldoutPurchases(purchases, summaries, dayNumberOf('19980630'));
const rebuilt = compressSummaries(summaries);
const tracking = { startDay: dayNumberOf('19970101'), periods: 78, periodDays: 7 };
const actualCurve = countActualRepeatPurchases(purchases, tracking);
for (const fit of [fitBgNbd(rebuilt), fitParetoNbd(rebuilt)]) {
  const model = { model: fit.model, params: fit.params } as TransactionModel;
  const predicted = Float64Array.from(summaries.frequency, (x, i) => expectedPurchases(model, 39, x, summaries.recency[i], summaries.age[i]));
  const comparison = compareHoldout(summaries.frequency, predicted, actual);
  console.log(fit.model, 'rebuilt', JSON.stringify(fit.params), 'total', comparison.totalActual, comparison.totalPredicted.toFixed(1), JSON.stringify(comparison.metrics));
  for (const row of comparison.conditionalExpectations) console.log(`| ${row.frequency} | ${row.customers} | ${row.actual?.toFixed(2) ?? '–'} | ${row.predicted?.toFixed(2) ?? '–'} |`);
  const curve = trackExpectedRepeatPurchases(model, summaries.firstDay, { ...tracking, daysPerUnit: 7 });
  console.log('weeks', Array.from({ length: 13 }, (_, k) => (k + 1) * 6).map((week) => `${week}:${actualCurve[week - 1]}/${curve[week - 1].toFixed(0)}`).join(' '));
}
