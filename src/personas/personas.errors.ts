/**
 * Error codes of personas added since the rest were declared with the segments'
 * (segments/segments.errors.ts: PERSONA_NOT_FOUND, PERSONA_MODEL_MISSING,
 * PERSONA_TOO_FEW_CUSTOMERS). *_EXISTS → 409 (core/errors.ts).
 */
export const personaErrorCodes = {
  nameExists: 'PERSONA_NAME_EXISTS',
} as const;
