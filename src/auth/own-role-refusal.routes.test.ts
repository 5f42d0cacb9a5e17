import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs } from '../../test/helpers/auth.js';

// "another" goes with the asker's own role: an admin is not an owner, so is not sent to "another owner"
describeEachStore('whom a person refused a change to themselves is told to ask', (context) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    // a second owner, so the last-owner rule is not what refuses an owner's own change
    await signInAs(context.store, 'owner');
  });
  afterAll(async () => {
    await app?.close();
  });

  const refusal = async (headers: Record<string, string>, userId: number, payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers, payload });
    const { error } = response.json() as { error: { code: string; message: string } };
    return [response.statusCode, error.code, error.message];
  };

  it('sends an admin to an owner or another admin, and to an owner for the owner role', async () => {
    const admin = await signInAs(context.store, 'admin');
    expect(await refusal(admin.headers, admin.user.userId, { role: 'analyst' })).toEqual([403, 'USER_CHANGE_FORBIDDEN', 'You cannot change your own role; ask an owner or another admin.']);
    expect(await refusal(admin.headers, admin.user.userId, { role: 'owner' })).toEqual([403, 'USER_CHANGE_FORBIDDEN', 'You cannot change your own role; ask an owner.']);
    expect(await refusal(admin.headers, admin.user.userId, { disabled: true })).toEqual([403, 'USER_CHANGE_FORBIDDEN', 'You cannot disable yourself; ask an owner or another admin.']);
  });

  it('sends an owner to another owner', async () => {
    const owner = await signInAs(context.store, 'owner');
    expect(await refusal(owner.headers, owner.user.userId, { role: 'admin' })).toEqual([403, 'USER_CHANGE_FORBIDDEN', 'You cannot change your own role; ask another owner.']);
    expect(await refusal(owner.headers, owner.user.userId, { disabled: true })).toEqual([403, 'USER_CHANGE_FORBIDDEN', 'You cannot disable yourself; ask another owner.']);
  });
});
