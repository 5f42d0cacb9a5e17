import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import { apiKeyBody, apiKeyIdParams, createApiKeyRequest, createApiKeyResponse, formatApiKey, listApiKeysQuery } from './auth.schemas.js';
import { callerOf } from './caller-of.js';
import { errorResponse } from '../server/responses.js';

export async function registerApiKeyRoutes(instance: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = instance.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/api-keys', {
    config: { access: { permission: 'api-keys:manage' } },
    schema: { tags: ['api-keys'], summary: 'API keys (never their secrets)', querystring: listApiKeysQuery, response: { 200: z.object({ items: z.array(apiKeyBody) }) } },
  }, async (request) => ({ items: (await listApiKeys(db, { includeRevoked: request.query.includeRevoked === 'true' })).map(formatApiKey) }));

  api.post('/api-keys', {
    config: { access: { permission: 'api-keys:manage' } },
    schema: {
      tags: ['api-keys'],
      summary: 'Create an API key; the key is in this response only',
      body: createApiKeyRequest,
      response: { 201: createApiKeyResponse, 403: errorResponse('A scope beyond what your role may grant (API_KEY_SCOPE_FORBIDDEN), or no permission') },
    },
  }, async (request, reply) => {
    const { apiKey, key } = await createApiKey(db, callerOf(request.principal), request.body, deps.clock.now());
    return reply.status(201).send({ apiKey: formatApiKey(apiKey), key });
  });

  api.delete('/api-keys/:apiKeyId', {
    config: { access: { permission: 'api-keys:manage' } },
    schema: { tags: ['api-keys'], summary: 'Revoke an API key at once, with the keys it made', params: apiKeyIdParams, response: { 200: z.object({ apiKey: apiKeyBody }), 403: errorResponse('A key made by an owner or from the shell, and the caller is not an owner (API_KEY_REVOKE_FORBIDDEN), or no permission'), 404: errorResponse('No such API key (API_KEY_NOT_FOUND)') } },
  }, async (request) => ({ apiKey: formatApiKey((await revokeApiKey(db, callerOf(request.principal), request.params.apiKeyId, deps.clock.now())).apiKey) }));
}
