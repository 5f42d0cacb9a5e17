/**
 * Where the app looks for data that colleagues are still adding to the API.
 * Each entry lists the paths it accepts, in order; the first one the server's
 * OpenAPI document offers is used (see api-catalog.tsx). Shapes are in
 * api/analytics-types.ts and in docs/web-app.md.
 */
export const pendingEndpoints = {
  settings: ['/api/settings', '/api/store'],
  summary: ['/api/reports/summary', '/api/analytics/summary'],
  types: ['/api/reports/types', '/api/analytics/types'],
  rfm: ['/api/reports/rfm', '/api/analytics/rfm'],
  lifecycle: ['/api/reports/lifecycle', '/api/analytics/lifecycle'],
  cohorts: ['/api/reports/cohorts', '/api/analytics/cohorts'],
  alerts: ['/api/alerts', '/api/analytics/alerts', '/api/reports/alerts'],
  revenueTrend: ['/api/reports/revenue', '/api/analytics/revenue', '/api/reports/revenue-trend'],
  typeMigration: ['/api/reports/type-migration', '/api/analytics/type-migration', '/api/reports/types/migration'],
  segments: ['/api/segments'],
  customerTypes: ['/api/customers/{customerId}/types'],
  customerPrediction: ['/api/customers/{customerId}/prediction', '/api/models/customers/{customerId}', '/api/models/predictions/{customerId}'],
} as const;

export type PendingEndpoint = keyof typeof pendingEndpoints;

/** Fills `{name}` placeholders of an OpenAPI path. */
export function fillPath(path: string, parameters: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (match, name: string) => (name in parameters ? encodeURIComponent(String(parameters[name])) : match));
}
