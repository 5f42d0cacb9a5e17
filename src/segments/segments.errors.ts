/**
 * Error codes of target groups. Kinds follow the suffix rules of core/errors.ts:
 * *_NOT_FOUND → 404, *_EXISTS → 409, everything else is the caller's input (400).
 */
export const segmentErrorCodes = {
  filterInvalid: 'SEGMENT_FILTER_INVALID',
  sourceMissing: 'SEGMENT_SOURCE_MISSING',
  notFound: 'SEGMENT_NOT_FOUND',
  nameExists: 'SEGMENT_NAME_EXISTS',
  nameInvalid: 'SEGMENT_NAME_INVALID',
  personaNotFound: 'PERSONA_NOT_FOUND',
  personasMissing: 'PERSONA_MODEL_MISSING',
  tooFewCustomers: 'PERSONA_TOO_FEW_CUSTOMERS',
  driftPeriodInvalid: 'DRIFT_PERIOD_INVALID',
} as const;
