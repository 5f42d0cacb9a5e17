import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { listAuditEvents, recordAudit } from './audit.js';
import { apiKeyActor, userActor } from './caller.js';

describeEachStore('audit log filters', (context) => {
  const db = () => context.store.db;
  const actorsFound = async (actor: string) => (await listAuditEvents(db(), { limit: 50, actor })).items.map((item) => item.actor).sort();

  it('finds an actor by the actor as written, by user id, by email, and by API key id or name', async () => {
    const actors = [userActor(2, 'agent@kopi.test'), userActor(20, 'other@kopi.test'), userActor(3, 'agent@kopi.test.example'), apiKeyActor(7, 'shop-feed'), apiKeyActor(8, 'shop_feed2'), 'cli:ana', 'system'];
    for (const actor of actors) await recordAudit(db(), { actor, action: 'test.action', entity: 'test' });
    expect(await actorsFound('user:2:agent@kopi.test')).toEqual(['user:2:agent@kopi.test']);
    expect(await actorsFound('user:2')).toEqual(['user:2:agent@kopi.test']);
    expect(await actorsFound('Agent@Kopi.test')).toEqual(['user:2:agent@kopi.test']);
    expect(await actorsFound('api-key:7')).toEqual(['api-key:7:shop-feed']);
    expect(await actorsFound('shop-feed')).toEqual(['api-key:7:shop-feed']);
    expect(await actorsFound('shop_feed%')).toEqual([]);
    expect(await actorsFound('ana')).toEqual(['cli:ana']);
    expect(await actorsFound('system')).toEqual(['system']);
  });

  it('finds a merge and its undo by either customer', async () => {
    const merge = (kept: number, merged: number, mergeId: number) => recordAudit(db(), { actor: 'system', action: 'customer.merge', entity: 'customer', entityId: String(kept), detail: { mergeId, mergedCustomerId: merged } });
    const undo = (kept: number, restored: number, mergeId: number) => recordAudit(db(), { actor: 'system', action: 'customer.merge.undo', entity: 'customer', entityId: String(kept), detail: { mergeId, restoredCustomerId: restored } });
    await merge(101, 2033, 1);
    await undo(101, 2033, 1);
    await merge(102, 2033, 2);
    await recordAudit(db(), { actor: 'system', action: 'customer.update', entity: 'customer', entityId: '2033', detail: { mergedCustomerId: 9 } });
    await recordAudit(db(), { actor: 'system', action: 'customer.update', entity: 'customer', entityId: '500', detail: { mergedCustomerId: 2033 } });
    const found = await listAuditEvents(db(), { limit: 50, entity: 'customer', entityId: '2033' });
    expect(found.items.map((item) => [item.action, item.entityId])).toEqual([['customer.update', '2033'], ['customer.merge', '102'], ['customer.merge.undo', '101'], ['customer.merge', '101']]);
    expect((await listAuditEvents(db(), { limit: 50, entityId: '101' })).items).toHaveLength(2);
  });
  it('keeps entries from a time on across pages, even where an older entry has a later id', async () => {
    for (const at of ['2026-03-02T00:00:00Z', '2026-02-15T00:00:00Z', '2026-03-05T00:00:00Z']) {
      await recordAudit(db(), { actor: 'system', action: 'since.test', entity: 'test', detail: { at } });
      await sql`update audit_event set occurred_at = ${at}::timestamptz where audit_id = (select max(audit_id) from audit_event)`.execute(db());
    }
    const since = new Date('2026-03-01T00:00:00Z');
    const first = await listAuditEvents(db(), { limit: 1, action: 'since.test', since });
    const second = await listAuditEvents(db(), { limit: 1, action: 'since.test', since, before: first.nextBefore });
    expect([...first.items, ...second.items].map((item) => (item.detail as { at: string }).at)).toEqual(['2026-03-05T00:00:00Z', '2026-03-02T00:00:00Z']);
    expect(second.nextBefore).toBeNull();
  });
});
