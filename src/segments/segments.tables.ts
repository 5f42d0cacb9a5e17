import type { ColumnType, Generated } from 'kysely';

/** Kysely types of db/migrations/202611240700_segments.sql, part of the shared `Database`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type SegmentTable = {
  segment_id: Generated<number>;
  name: string;
  description: string | null;
  filter: Json;
  member_count: Generated<number>;
  refreshed_at: Timestamp | null;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type SegmentMemberTable = { segment_id: number; customer_id: number; entered_at: Timestamp };

export type MembershipChange = 'entered' | 'left';

export type SegmentMembershipEventTable = {
  event_id: Generated<number>;
  segment_id: number;
  customer_id: number;
  change: MembershipChange;
  at: Timestamp;
};

export type PersonaModelTable = {
  model_id: Generated<number>;
  discovered_at: Timestamp;
  k: number;
  silhouette: number | null;
  sample_size: number;
  population: number;
  feature_spec: Json;
  candidates: Json;
  is_current: Generated<boolean>;
};

export type PersonaTable = {
  persona_id: Generated<number>;
  model_id: number;
  name: string;
  generated_name: string;
  description: string | null;
  is_pinned: Generated<boolean>;
  centroid: number[];
  profile: Json;
  retired_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type CustomerPersonaTable = { customer_id: number; persona_id: number; distance: number; assigned_at: Timestamp };

export type SegmentTables = {
  segment: SegmentTable;
  segment_member: SegmentMemberTable;
  segment_membership_event: SegmentMembershipEventTable;
  persona_model: PersonaModelTable;
  persona: PersonaTable;
  customer_persona: CustomerPersonaTable;
};
