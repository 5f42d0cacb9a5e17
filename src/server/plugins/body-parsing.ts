import type { FastifyInstance } from 'fastify';
import { maxBodyDepth, tooDeep } from './edge-input.js';
import { pathNestedTooDeep } from './json-depth.js';

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
    parseJson(request, text, done);
  });
}

/** Fastify's own body errors, as the API's codes and sentences (error-handler.ts). */
export const bodyErrors: Record<string, { code: string; message: (detail: string) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST_BODY_INVALID_JSON', message: (detail) => `The body is not valid JSON (${detail}). Send one JSON object.` },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'REQUEST_MEDIA_TYPE_UNSUPPORTED', message: () => 'The body must be JSON: send it with Content-Type: application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST_BODY_TOO_LARGE', message: () => 'The body is larger than this request accepts (an ingest takes at most 10,000 records per batch).' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST_BODY_INVALID', message: () => 'The body is shorter or longer than its Content-Length header says.' },
};
