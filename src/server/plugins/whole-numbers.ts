import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';

type Context = 'params' | 'query';

/**
 * Refuses a path or query parameter read as a number that `Number()` reads as a whole number
 * though it is not written in plain decimal digits (a leading minus aside, which the schema then
 * judges): `z.coerce.number()` reads anything `Number()` does, so `/api/customers/1e3` answered
 * customer 1000, and `0x10`, `1.0`, `+12`, ` 12 ` or an empty value (0) passed as numbers too. A
 * leading zero (`01`, `-01`, `007`) is refused as well: `DELETE /api/customers/01` deleted customer 1,
 * though a zero-padded number is as likely another system's code as an id; `0` itself stays. One check
 * for every API route, read from the route's own zod schemas, so an id added later is strict without
 * anyone remembering to make it so.
 */
export function registerWholeNumberCheck(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    numberKeysOf(route.schema?.params);
    numberKeysOf(route.schema?.querystring);
  });
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema;
    if (!schema) return;
    const parts: Array<[Context, unknown, unknown]> = [['params', schema.params, request.params], ['query', schema.querystring, request.query]];
    for (const [context, partSchema, values] of parts) {
      for (const key of numberKeysOf(partSchema)) {
        const value = (values as Record<string, unknown> | undefined)?.[key];
        if (typeof value === 'string' && isWholeNumberOtherwiseWritten(value)) throw notDecimalDigits(context, key, value);
        if (typeof value === 'string' && hasLeadingZero(value)) throw notDecimalDigits(context, key, value, ', without leading zeros');
      }
    }
  });
}

// what zod would read as a whole number though it is not written in digits; anything else (abc, 1.5) zod refuses in its own words
const isWholeNumberOtherwiseWritten = (value: string) => !/^-?[0-9]+$/.test(value) && Number.isInteger(Number(value));

// digits a zero leads ("01", "-007"): Number() reads them as 1 and -7; a lone 0 (or -0) has none
const hasLeadingZero = (value: string) => /^-?0[0-9]/.test(value);

function notDecimalDigits(context: Context, key: string, value: string, also = ''): AppError {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new AppError('REQUEST_INVALID', `Invalid ${context} field "${key}": give a whole number in plain decimal digits, such as 1000${also} (got ${JSON.stringify(shown)}).`, { field: key, context });
}

const keysBySchema = new WeakMap<object, readonly string[]>();

/** The keys of a zod object schema whose values are read as numbers; none for anything else. */
export function numberKeysOf(schema: unknown): readonly string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  let keys = keysBySchema.get(schema);
  if (!keys) {
    const shape = objectShapeOf(schema);
    keys = shape ? Object.keys(shape).filter((key) => isNumberSchema(shape[key])) : [];
    keysBySchema.set(schema, keys);
  }
  return keys;
}

type ZodDefinition = { type?: string; in?: unknown; innerType?: unknown; shape?: Record<string, unknown> };
const definitionOf = (schema: unknown) => (schema as { _zod?: { def?: ZodDefinition } } | null)?._zod?.def;

// refinements keep the object's own definition; a pipe's input is what the request is read as
function objectShapeOf(schema: unknown): Record<string, unknown> | null {
  const definition = definitionOf(schema);
  if (definition?.type === 'object') return definition.shape ?? {};
  if (definition?.type === 'pipe') return objectShapeOf(definition.in);
  return null;
}

function isNumberSchema(schema: unknown): boolean {
  const definition = definitionOf(schema);
  switch (definition?.type) {
    case 'number': case 'bigint': return true;
    case 'optional': case 'default': case 'prefault': case 'nullable': case 'readonly': return isNumberSchema(definition.innerType);
    case 'pipe': return isNumberSchema(definition.in);
    default: return false;
  }
}
