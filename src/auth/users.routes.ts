import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { createUserRequest, createUserResponse, formatUser, resetPasswordResponse, updateUserRequest, userBody, userIdParams } from './auth.schemas.js';
import { callerOf } from './caller-of.js';
import { createStaffUser, listUsers, resetStaffPassword, updateUser } from './users.service.js';
import { errorResponse } from '../server/responses.js';

export async function registerUserRoutes(instance: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = instance.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/users', {
    config: { access: { permission: 'users:manage' } },
    schema: { tags: ['users'], summary: 'All staff users', response: { 200: z.object({ items: z.array(userBody) }) } },
  }, async () => ({ items: (await listUsers(db)).map(formatUser) }));

  api.post('/users', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: 'Create a staff user; without a password a one-time password is returned once',
      body: createUserRequest,
      response: { 201: createUserResponse, 409: errorResponse('A user with this email exists (USER_EMAIL_EXISTS)') },
    },
  }, async (request, reply) => {
    const { user, oneTimePassword } = await createStaffUser(db, callerOf(request.principal), request.body);
    return reply.status(201).send({ user: formatUser(user), oneTimePassword });
  });

  api.patch('/users/:userId', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: "Change a user's role, name or email, or disable (signs them out) / re-enable them",
      params: userIdParams,
      body: updateUserRequest,
      response: {
        200: z.object({ user: userBody }),
        400: errorResponse('Not an email address (USER_EMAIL_INVALID, field email), or a blank name (USER_NAME_INVALID, field name)'),
        403: errorResponse('You may not make this change (USER_CHANGE_FORBIDDEN), or no permission'),
        404: errorResponse('No such user (USER_NOT_FOUND)'),
        409: errorResponse('Another user has this email (USER_EMAIL_EXISTS, field email), or the store would be left without an enabled owner (USER_LAST_OWNER_CONFLICT)'),
      },
    },
  }, async (request) => {
    const user = await updateUser(db, callerOf(request.principal), request.params.userId, request.body, deps.clock.now());
    return { user: formatUser(user) };
  });

  api.post('/users/:userId/reset-password', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['users'],
      summary: 'Give a staff member who forgot their password a new one-time password (returned once); their sessions end',
      params: userIdParams,
      response: {
        200: resetPasswordResponse,
        403: errorResponse('Your own password, or an owner\'s when you are not one (USER_CHANGE_FORBIDDEN), or no permission'),
        404: errorResponse('No such user (USER_NOT_FOUND)'),
        409: errorResponse('The user is disabled, so a new password would not let them sign in: enable them first (USER_DISABLED_CONFLICT)'),
      },
    },
  }, async (request) => {
    const { user, oneTimePassword } = await resetStaffPassword(db, callerOf(request.principal), request.params.userId);
    return { user: formatUser(user), oneTimePassword };
  });
}
