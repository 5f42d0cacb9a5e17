import { AppError } from '../core/errors.js';

export const modelErrorCodes = ['MODEL_NO_PURCHASES', 'MODEL_INVALID_PERIOD', 'MODEL_FIT_NOT_CONVERGED', 'MODEL_FIT_DEGENERATE'] as const;
export type ModelErrorCode = (typeof modelErrorCodes)[number];

export function modelError(code: ModelErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, details);
}
