import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { createUserRequest, createUserResponse, errorBody, formatUser, updateUserRequest, userBody, userIdParams } from './auth.schemas.js';
import { callerOf } from './caller-of.js';
import { createStaffUser, listUsers, updateUser } from './users.service.js';

export async function registerUserRoutes(instance: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = instance.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/users', {
    config: { access: { permission: 'users:manage' } },
    schema: { tags: ['users'], summary: 'All staff users', response: { 200: z.object({ items: z.array(userBody) }), 401: errorBody, 403: errorBody } },
  }, async () => ({ items: (await listUsers(db)).map(formatUser) }));

  api.post('/users', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: 'Create a staff user; without a password a one-time password is returned once',
      body: createUserRequest,
      response: { 201: createUserResponse, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
    },
  }, async (request, reply) => {
    const { user, oneTimePassword } = await createStaffUser(db, callerOf(request.principal), request.body);
    return reply.status(201).send({ user: formatUser(user), oneTimePassword });
  });

  api.patch('/users/:userId', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: "Change a user's role or name, or disable (signs them out) / re-enable them",
      params: userIdParams,
      body: updateUserRequest,
      response: { 200: z.object({ user: userBody }), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (request) => {
    const user = await updateUser(db, callerOf(request.principal), request.params.userId, request.body, deps.clock.now());
    return { user: formatUser(user) };
  });
}
