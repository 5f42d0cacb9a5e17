import type { FastifyBaseLogger, FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

/**
 * Serializes a reply through its route's zod response schema, as
 * fastify-type-provider-zod's own compiler does: a reply that does not match
 * its schema fails (500) rather than contradict the document. Unlike it, a
 * field the handler sent that the schema does not describe is not dropped in
 * silence: it is left out, as the document promises, and logged once per
 * route and field, so the document is brought up to date instead of a client
 * losing data unnoticed.
 */
export function createResponseSerializer(log: FastifyBaseLogger): FastifySerializerCompiler<unknown> {
  const reported = new Set<string>();
  return ({ schema, method, url, httpStatus }) => {
    if (!(schema instanceof $ZodType)) throw new Error(`The response schema of ${method} ${url} (${httpStatus}) is not a zod schema.`);
    return (data) => {
      const result = safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      const left = undocumentedFields(data, result.data).filter((field) => !reported.has(`${method} ${url} ${field}`));
      if (left.length > 0) {
        for (const field of left) reported.add(`${method} ${url} ${field}`);
        log.warn({ route: `${method} ${url}`, status: httpStatus, fields: left }, 'Response fields left out: the response schema does not describe them');
      }
      return JSON.stringify(result.data);
    };
  };
}

/** Paths (e.g. `items.model_id`, array positions left out) of fields in `sent` that are missing from `kept`. */
export function undocumentedFields(sent: unknown, kept: unknown, path = ''): string[] {
  if (sent === kept) return [];
  if (Array.isArray(sent) && Array.isArray(kept)) {
    const fields = new Set<string>();
    sent.forEach((item, index) => undocumentedFields(item, kept[index], path).forEach((field) => fields.add(field)));
    return [...fields];
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.keys(sent).flatMap((key) => {
    if (sent[key] === undefined) return [];
    const field = path ? `${path}.${key}` : key;
    return key in kept ? undocumentedFields(sent[key], kept[key], field) : [field];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype;
}
