import type { FastifyInstance } from 'fastify';
import { maxBodyDepth, tooDeep } from './edge-input.js';
import { pathNestedTooDeep } from './json-depth.js';
import { AppError } from '../../core/errors.js';
import { maxBatchRecords } from '../../ingest/ingest-batch.service.js';

/**
 * The API reads JSON bodies only. A JSON content type with an empty body (what
 * many HTTP clients send on a POST without a body, such as sign-out or an
 * alert's acknowledgement) reads as no body; a route that needs one then says
 * which fields it wants. Text bodies are refused with 415 rather than read as
 * a string a schema then calls "not an object". A body nested deeper than
 * edge-input.ts allows is refused from its text, before JSON.parse spends
 * seconds on it; the rest goes to Fastify's own parser (secure-json-parse,
 * refusing `__proto__` and `constructor.prototype` keys).
 */
export function registerBodyParsing(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    const deepPath = pathNestedTooDeep(text, maxBodyDepth);
    if (deepPath) {
      done(tooDeep('body', deepPath), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      // secure-json-parse refuses a forbidden key as "not valid JSON": when it is valid, name the key instead
      const forbidden = error ? forbiddenKeyPath(text) : null;
      done(forbidden ? forbiddenKey(forbidden) : error, value);
    });
  });
}

function forbiddenKey(path: string[]): AppError {
  const field = path.join('.');
  const key = path[path.length - 1];
  return new AppError('REQUEST_INVALID', `Invalid body field "${field}": the key "${key}" is not allowed in a body (nor is "constructor" holding "prototype"), since it could change how objects behave. Rename or remove it.`, { field, context: 'body' });
}

/**
 * The path to a `__proto__` key, or `constructor` key holding a `prototype` key, of
 * valid JSON text: what the default parser refused; null if the text is not valid JSON (the
 * parser's own refusal stands) or holds no such key. JSON.parse keeps `__proto__` as a plain own
 * key, so the parsed value is safe to walk; this runs only on a body already refused.
 */
export function forbiddenKeyPath(text: string): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, item] of Object.entries(current)) {
      const isForbidden = key === '__proto__' || (key === 'constructor' && typeof item === 'object' && item !== null && Object.hasOwn(item, 'prototype'));
      if (isForbidden) return [...path, key];
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** What a body error's sentence may say: Fastify's own detail, the route's body limit in bytes and address. */
type BodyErrorContext = { detail: string; bodyLimit: number | undefined; url: string | undefined };

/** Fastify's own body errors, as the API's codes and sentences (error-handler.ts). */
export const bodyErrors: Record<string, { code: string; message: (context: BodyErrorContext) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST_BODY_INVALID_JSON', message: ({ detail }) => `The body is not valid JSON (${detail}). Send one JSON object.` },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'REQUEST_MEDIA_TYPE_UNSUPPORTED', message: () => 'The body must be JSON: send it with Content-Type: application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST_BODY_TOO_LARGE', message: tooLargeMessage },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST_BODY_INVALID', message: () => 'The body is shorter or longer than its Content-Length header says.' },
};

// two limits an ingest caller may meet: the size of the body, refused here, and the records in a batch, refused by the route's schema
function tooLargeMessage({ bodyLimit, url }: BodyErrorContext): string {
  const limit = bodyLimit === undefined ? 'the size' : `the ${sizeText(bodyLimit)}`;
  const ingest = url?.startsWith('/api/ingest/') ? ` Send the records in several batches; besides this size limit, a batch holds at most ${maxBatchRecords.toLocaleString('en')} records.` : '';
  return `The body is larger than ${limit} this request accepts.${ingest}`;
}

function sizeText(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return megabytes >= 1 ? `${Number(megabytes.toFixed(1))} MB` : `${Number((bytes / 1024).toFixed(1))} KB`;
}
