/**
 * Error codes of personas added since the rest were declared with the segments'
 * (segments/segments.errors.ts: PERSONA_NOT_FOUND, PERSONA_MODEL_MISSING,
 * PERSONA_TOO_FEW_CUSTOMERS). *_EXISTS and *_CONFLICT → 409 (core/errors.ts).
 */
export const personaErrorCodes = {
  nameExists: 'PERSONA_NAME_EXISTS',
  /** A discovery would retire personas saved segments name, and was not told to (retireSegmentPersonas). */
  segmentsConflict: 'PERSONA_DISCOVERY_SEGMENTS_CONFLICT',
} as const;
