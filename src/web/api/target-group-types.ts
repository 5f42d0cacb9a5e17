/** Shapes of the segment, persona and drift endpoints (src/segments, src/personas), as the server sends them. */
import type { Segment } from './analytics-types.js';

export type SegmentDetail = Segment & { filter: unknown; created_by: string; created_at: string; updated_at: string };

export type FieldType = 'number' | 'text' | 'date' | 'boolean' | 'text_list';
/** GET /api/segments/fields */
export type FilterField = {
  name: string; type: FieldType; source: string; description: string; operators: string[]; isAvailable: boolean;
  /** The values this store has for the field, where the server lists them (persona names). */
  choices?: string[];
};

export type CustomerBrief = { customer_id: number; name: string | null; email: string | null; city: string | null };
/** POST /api/segments/preview; with `count: 'auto'` large stores get an estimate first (`isEstimate`, a 95% `interval`). */
export type SegmentPreview = {
  count: number; total: number; share: number; sample: CustomerBrief[]; seconds: number;
  isEstimate: boolean; interval: { low: number; high: number; confidence: number } | null; sampledCustomers: number | null;
};
/** One problem of an invalid filter (error SEGMENT_FILTER_INVALID, `details.problems`). */
export type FilterProblem = { path: string; message: string };

export type MembershipEvent = { customer_id: number; name: string | null; email: string | null; change: 'entered' | 'left'; at: string };
/** GET /api/segments/:id */
export type SegmentWithHistory = { segment: SegmentDetail; history: MembershipEvent[] };
export type Member = CustomerBrief & { entered_at: string };
/** GET /api/segments/:id/members */
export type MembersPage = { items: Member[]; next: number | null };
/** POST /api/segments/:id/refresh */
export type SegmentRefresh = { segmentId: number; name: string; entered: number; left: number; members: number; seconds: number };

export type Share = { label: string; share: number };
export type PersonaTrait = { column: string; group: string; word: string; difference: number };
export type PersonaProfile = {
  size: number; share: number; revenueShare: number;
  age: { mean: number | null; median: number | null; knownShare: number };
  typicalIncome: string | null; incomes: Share[]; topCities: Share[]; channels: Share[]; categories: Share[];
  customerTypes: Share[] | null; averageOrders: number; averageRevenueMinor: number;
  household: { averageChildren: number | null; partneredShare: number | null; knownShare: number } | null;
  traits: PersonaTrait[];
};
export type Persona = { personaId: number; name: string; generatedName: string; description: string | null; isPinned: boolean; isRetired: boolean; profile: PersonaProfile };
/** GET /api/personas; before the first discovery `model` is null and `personas` empty. */
export type PersonaList = {
  model: { model_id: number; discovered_at: string; k: number; silhouette: number | null; sample_size: number; population: number; features: string[] } | null;
  personas: Persona[];
};

export type DriftGroup = { kind: 'all' } | { kind: 'segment'; segment: number } | { kind: 'persona'; personaId: number };
export type Period = { from: string; to: string };
export type Magnitude = 'negligible' | 'small' | 'medium' | 'large';
export type NumericSummary = { n: number; mean: number | null; variance: number | null };
export type SeriesPoint = { label: string; before: number; after: number };
/** Spend per buyer in one period, in minor units of the store's currency; null without buyers. */
export type SpendPerBuyer = { meanMinor: number | null; medianMinor: number | null };
/**
 * `magnitude` is null when there is no statistic to size; the app sizes a change itself (drift-words.ts, sizeOfChange).
 * The spend row (compared on ln(1 + spend)) carries the money itself in `spendPerBuyer`.
 */
export type DriftAttribute =
  | {
    attribute: string; kind: 'numeric'; unit: 'customers'; before: NumericSummary; after: NumericSummary; cohensD: number | null; magnitude: Magnitude | null;
    spendPerBuyer?: { before: SpendPerBuyer; after: SpendPerBuyer };
  }
  | { attribute: string; kind: 'categorical'; unit: 'customers' | 'orders' | 'amount'; series: SeriesPoint[]; totalVariation: number; cramersV: number | null; magnitude: Magnitude | null };
export type CategoricalDrift = Extract<DriftAttribute, { kind: 'categorical' }>;
export type PersonaShift = { personaId: number; label: string; before: number; after: number; beforeShare: number; afterShare: number; change: 'grew' | 'shrank' | 'steady' };
/** POST /api/drift */
export type DriftReport = {
  group: string;
  before: Period & { customers: number };
  after: Period & { customers: number };
  attributes: DriftAttribute[];
  personaShifts: PersonaShift[] | null;
};
