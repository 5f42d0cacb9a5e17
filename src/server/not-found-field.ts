import type { FastifyError } from 'fastify';
import { AppError, isAppError } from '../core/errors.js';

/**
 * Route options under which a not-found error of `code` that names no field names the path
 * parameter `field`, as other not-found errors do (CUSTOMER_NOT_FOUND names customerId): the
 * service that throws it does not know where its id came from. The error then goes on to the
 * app's error handler (Fastify passes an error a route's handler throws to its parent's).
 */
export function notFoundNamesParam(field: string, code: string): { errorHandler: (error: FastifyError) => never } {
  return {
    errorHandler: (error) => {
      if (isAppError(error) && error.code === code && error.details.field === undefined) throw new AppError(error.code, error.message, { ...error.details, field });
      throw error;
    },
  };
}
