import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { AppError } from '../core/errors.js';
import { buildApp } from '../server/app.js';
import { callerOf } from './caller-of.js';
import { updateUser } from './users.service.js';

/**
 * Two owners who demote or disable each other at the same moment: on a
 * PostgreSQL server the two requests run on two connections, and each used to
 * count two owners before either change committed, leaving none. One must win
 * and the other be told the store needs an owner.
 */
describeEachStore('the last owner under concurrent changes', (context) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
  });
  afterAll(async () => app?.close());

  const countActiveOwners = async () => Number((await context.store.db.selectFrom('staff_user').select((eb) => eb.fn.countAll().as('count'))
    .where('role', '=', 'owner').where('disabled_at', 'is', null).executeTakeFirstOrThrow()).count);
  // leaves the store with exactly `a` and `b` as its active owners
  async function twoOwners(): Promise<[TestSession, TestSession]> {
    await context.store.db.updateTable('staff_user').set({ role: 'admin' }).where('role', '=', 'owner').execute();
    return [await signInAs(context.store, 'owner'), await signInAs(context.store, 'owner')];
  }
  const patch = (by: TestSession, of: TestSession, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/users/${of.user.userId}`, headers: by.headers, payload });

  const changes = [['demote', { role: 'admin' }], ['disable', { disabled: true }]] as const;
  const ownerCaller = (session: TestSession) => callerOf({ kind: 'user', userId: session.user.userId, email: session.user.email, name: session.user.name, role: 'owner', locale: 'en', sessionHash: '', csrfToken: '', actor: `user:${session.user.userId}:${session.user.email}` });

  for (const [what, change] of changes) {
    it(`keeps one owner when two owners ${what} each other at once, and tells the other it would leave no owner`, async () => {
      for (let round = 0; round < 8; round += 1) {
        const [a, b] = await twoOwners();
        const settled = await Promise.allSettled([
          updateUser(context.store.db, ownerCaller(a), b.user.userId, change, new Date()),
          updateUser(context.store.db, ownerCaller(b), a.user.userId, change, new Date()),
        ]);
        const outcomes = settled.map((result) => (result.status === 'fulfilled' ? 'changed' : result.reason instanceof AppError ? result.reason.code : String(result.reason))).sort();
        expect(outcomes, `round ${round}`).toEqual(['USER_LAST_OWNER_CONFLICT', 'changed']);
        expect(await countActiveOwners(), `round ${round}`).toBe(1);
      }
    });

    it(`keeps one owner when two owners ${what} each other over HTTP at once`, async () => {
      for (let round = 0; round < 8; round += 1) {
        const [a, b] = await twoOwners();
        const answers = await Promise.all([patch(a, b, change), patch(b, a, change)]);
        const outcomes = answers.map((answer) => `${answer.statusCode} ${answer.json().error?.code ?? ''}`.trim()).sort();
        // the loser is refused as the last owner's remover, or, when the winner committed before it
        // was authenticated, as no longer an owner (demoted) or no longer signed in (disabled)
        expect(outcomes, `round ${round}`).toEqual(['200', expect.stringMatching(/^(409 USER_LAST_OWNER_CONFLICT|403 USER_CHANGE_FORBIDDEN|401 AUTH_\w+)$/)]);
        expect(await countActiveOwners(), `round ${round}`).toBe(1);
      }
    });
  }
});
