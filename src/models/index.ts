export { fitModels, modelLabels, predictCustomers, validateModels, type ModelChoice } from './models.service.js';
export type { CustomerPredictionTable, ModelFitTable, ModelTables } from './models.tables.js';
export { modelErrorCodes, type ModelErrorCode } from './models.errors.js';
export { buildSummaries, type CustomerSummaries, type PurchaseColumns, type TimeUnit } from './summaries.js';
export { classifyChurnRisk, type ChurnRisk } from './clv.js';
