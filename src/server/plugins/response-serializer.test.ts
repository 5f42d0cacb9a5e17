import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createResponseSerializer, undocumentedFields } from './response-serializer.js';

describe('undocumentedFields', () => {
  it.each([
    ['nothing, when every field was kept', { a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, []],
    ['a top-level field', { a: 1, b: 2 }, { a: 1 }, ['b']],
    ['a nested field, by its path', { a: { b: 1, c: 2 } }, { a: { b: 1 } }, ['a.c']],
    ['a field of array items, once', { items: [{ id: 1, x: 1 }, { id: 2, x: 2 }] }, { items: [{ id: 1 }, { id: 2 }] }, ['items.x']],
    ['nothing for fields that were undefined anyway', { a: 1, b: undefined }, { a: 1 }, []],
    ['nothing inside values kept as they were (dates, unknown JSON)', { at: new Date(0), detail: { any: 1 } }, { at: new Date(0), detail: { any: 1 } }, []],
  ])('finds %s', (_name, sent, kept, fields) => {
    expect(undocumentedFields(sent, kept)).toEqual(fields);
  });
});

describe('createResponseSerializer', () => {
  const warnings: unknown[] = [];
  const log = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as FastifyBaseLogger;
  const serialize = createResponseSerializer(log)({ schema: z.object({ id: z.number(), at: z.date() }), method: 'GET', url: '/api/things', httpStatus: '200' });

  it('writes what the schema names, and says once which fields it left out', () => {
    expect(serialize({ id: 1, at: new Date(0), secret: 'x' })).toBe('{"id":1,"at":"1970-01-01T00:00:00.000Z"}');
    serialize({ id: 2, at: new Date(0), secret: 'y' });
    expect(warnings).toEqual([[{ route: 'GET /api/things', status: '200', fields: ['secret'] }, 'Response fields left out: the response schema does not describe them']]);
  });

  it('fails a reply that contradicts its schema rather than send it', () => {
    expect(() => serialize({ id: 'one', at: new Date(0) })).toThrow("Response doesn't match the schema");
  });
});
