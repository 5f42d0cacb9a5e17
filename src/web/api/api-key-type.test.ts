import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiKeyBody } from '../../auth/auth.schemas.js';
import type { ApiKey } from './types.js';

/**
 * The web's ApiKey against the API's own schema of a key. Types are gone at run time, so the compiler
 * does half of the checking (npm run typecheck): the record must name every field of ApiKey and no
 * other, and a key as the server sends it must be an ApiKey and the other way round.
 */
const webFields = {
  apiKeyId: true, name: true, prefix: true, scopes: true, scopesInEffect: true, createdBy: true, creator: true, createdByKey: true, createdAt: true, lastUsedAt: true, revokedAt: true,
} satisfies Record<keyof ApiKey, true>;

type SentApiKey = z.infer<typeof apiKeyBody>;
const asRead = (sent: SentApiKey): ApiKey => sent;
const asSent = (read: ApiKey): SentApiKey => read;

describe('the web app\'s API key', () => {
  it('names every field GET /api/api-keys sends, no more and no fewer', () => {
    expect(Object.keys(webFields).sort()).toEqual(Object.keys(apiKeyBody.shape).sort());
  });
});
