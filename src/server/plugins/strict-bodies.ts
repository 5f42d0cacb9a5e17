import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * Every request body refuses keys its schema does not name. A zod object drops unknown keys by
 * default, so `{"otherCustomerId": 3, "dryRun": true}` merged for real and `{"as_of": …}` analysed
 * as of today: the client never heard that its key meant nothing. Made strict here, once, rather
 * than trusted to each route's author; a body that must keep unknown keys says so (`.passthrough()`
 * or `z.record`), and the error handler names the key and the accepted one it likely meant.
 */
export function registerStrictBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body;
    if (body instanceof z.ZodType) route.schema!.body = strictBody(body);
  });
}

/** The schema with its top-level object made strict, through `.default()` and `.optional()`; anything else as it is. */
export function strictBody(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return schema._zod.def.catchall === undefined ? schema.strict() : schema;
  if (schema instanceof z.ZodDefault) {
    const inner = strictBody(schema._zod.def.innerType as z.ZodType);
    return inner === schema._zod.def.innerType ? schema : inner.default(schema._zod.def.defaultValue as never);
  }
  if (schema instanceof z.ZodOptional) {
    const inner = strictBody(schema._zod.def.innerType as z.ZodType);
    return inner === schema._zod.def.innerType ? schema : inner.optional();
  }
  return schema;
}
