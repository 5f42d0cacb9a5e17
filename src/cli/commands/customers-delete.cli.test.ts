import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { mergeCustomers } from '../../customers/merge.service.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

describeEachCliStore('clientele customers delete', (context) => {
  const clock = fixedClock('2024-06-21T00:00:00Z');
  const customerIdOf = (email: string) => context.withStore(async (store) => Number((await store.db.selectFrom('customer').select('customer_id')
    .where('email', '=', email).executeTakeFirstOrThrow()).customer_id));
  const exists = (customerId: number) => context.withStore(async (store) => (await store.db.selectFrom('customer').select('customer_id')
    .where('customer_id', '=', customerId).executeTakeFirst()) !== undefined);

  it('refuses without --yes, saying what it would erase, and deletes nothing', async () => {
    await context.withStore((store) => ingestRecords(store.db, 'customers', [{ customer_id: 'K1', email: 'kept.whole@example.com', name: 'Kept Whole' }], { actor: 'test', clock }));
    const customerId = await customerIdOf('kept.whole@example.com');
    const result = await runCliInProcess(context.db, ['customers', 'delete', String(customerId)]);
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID' });
    expect(result.stderr).toContain(`erases customer #${customerId} for good`);
    expect(result.stderr).toContain('orders with their lines');
    expect(result.stderr).toContain('cannot be undone');
    expect(result.stderr).toContain(`customers delete ${customerId} --yes`);
    expect(await exists(customerId)).toBe(true);
  }, 180_000);

  it('erases the customer and those merged into them with --yes, answering and auditing the counts without a personal value', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', [
        { customer_id: 'D1', email: 'dita.erase@example.com', name: 'Dita Erase', phone: '+6281234500001' },
        { customer_id: 'D2', email: 'dita.second@example.com', name: 'Dita Second' },
      ], { actor: 'test', clock });
      await ingestRecords(store.db, 'orders', [
        { order_id: 'DEL-1', customer_email: 'dita.erase@example.com', ordered_at: '2024-06-01T10:00:00+07:00', amount: '57000' },
        { order_id: 'DEL-2', customer_email: 'dita.second@example.com', ordered_at: '2024-06-02T10:00:00+07:00', amount: '12000' },
      ], { actor: 'test', clock });
      await ingestRecords(store.db, 'lines', [
        { order_id: 'DEL-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '12000' },
        { order_id: 'DEL-1', line_no: '2', sku: 'ROTI-1', product_name: 'Roti bakar', category: 'bakery', quantity: '1', unit_price: '33000' },
      ], { actor: 'test', clock });
      await ingestRecords(store.db, 'events', [{ event_id: 'DEL-E1', customer_email: 'dita.erase@example.com', kind: 'inquiry', occurred_at: '2024-06-03T09:00:00Z' }], { actor: 'test', clock });
    });
    const kept = await customerIdOf('dita.erase@example.com');
    const merged = await customerIdOf('dita.second@example.com');
    const identities = await context.withStore(async (store) => {
      await mergeCustomers(store.db, kept, merged, 'test', { clock });
      return Number((await store.db.selectFrom('customer_identity').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', kept).executeTakeFirstOrThrow()).n);
    });
    expect(identities).toBeGreaterThanOrEqual(4);

    const result = await runCliInProcess(context.db, ['--json', 'customers', 'delete', String(kept), '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    // both emails and the phone stay as suppression digests
    const counts = { orders: 2, orderLines: 2, events: 1, identities, mergedCustomers: 1, suppressedIdentities: 3 };
    expect(JSON.parse(result.stdout)).toEqual({ deleted: true, customerId: kept, ...counts });
    expect(await exists(kept)).toBe(false);
    expect(await exists(merged)).toBe(false);

    const entries = await context.withStore((store) => store.db.selectFrom('audit_event').select(['actor', 'detail'])
      .where('action', '=', 'customer.delete').where('entity_id', '=', String(kept)).execute());
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toMatch(/^cli:/);
    expect(entries[0]!.detail).toEqual({ ...counts, suppressionKept: true });
    expect(JSON.stringify(entries[0]!.detail)).not.toMatch(/dita|example\.com|6281234500001/i);
  }, 180_000);

  it('says so in text', async () => {
    await context.withStore((store) => ingestRecords(store.db, 'customers', [{ customer_id: 'T1', email: 'text.erase@example.com' }], { actor: 'test', clock }));
    const customerId = await customerIdOf('text.erase@example.com');
    const result = await runCliInProcess(context.db, ['customers', 'delete', String(customerId), '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Customer #${customerId} erased: 0 orders (0 lines), 0 interest events, 2 identities.`);
    expect(await exists(customerId)).toBe(false);
  }, 180_000);

  it('answers an unknown customer with CUSTOMER_NOT_FOUND, exit code 1', async () => {
    const result = await runCliInProcess(context.db, ['customers', 'delete', '999999999', '--yes']);
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
    expect(result.stderr).toContain('999999999');
  }, 180_000);
  it('keeps no suppression entry with --no-suppression; unsuppress removes an entry, audited, and refuses a contact with none', async () => {
    await context.withStore((store) => ingestRecords(store.db, 'customers', [
      { customer_id: 'S1', email: 'skip.suppress@example.com' }, { customer_id: 'S2', email: 'keep.suppress@example.com', phone: '+6281234500077' },
    ], { actor: 'test', clock }));
    // earlier erasures in this store left entries of their own
    const entries = () => context.withStore(async (store) => Number((await store.db.selectFrom('erasure_suppression').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
    const before = await entries();
    const skipped = await runCliInProcess(context.db, ['--json', 'customers', 'delete', String(await customerIdOf('skip.suppress@example.com')), '--yes', '--no-suppression']);
    expect(skipped.exitCode, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ deleted: true, suppressedIdentities: 0 });
    const kept = await runCliInProcess(context.db, ['--json', 'customers', 'delete', String(await customerIdOf('keep.suppress@example.com')), '--yes']);
    expect(JSON.parse(kept.stdout)).toMatchObject({ deleted: true, suppressedIdentities: 2 });
    expect(await entries()).toBe(before + 2);

    const none = await runCliInProcess(context.db, ['customers', 'unsuppress', 'skip.suppress@example.com']);
    expect(none.exitCode).toBe(1);
    expect(none.error).toMatchObject({ code: 'ERASURE_SUPPRESSION_NOT_FOUND' });
    // a phone with no entry: the hint names the store's country and its code, not a fixed one
    const noPhone = await runCliInProcess(context.db, ['customers', 'unsuppress', '0812-9999-0000']);
    expect(noPhone.error).toMatchObject({ code: 'ERASURE_SUPPRESSION_NOT_FOUND' });
    expect(noPhone.stderr).toContain("read in the store's country (ID, +62)");
    // the phone as a person writes it locally, read in the store's country
    const removed = await runCliInProcess(context.db, ['--json', 'customers', 'unsuppress', '0812-3450-0077']);
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ kind: 'phone', removed: true });
    expect(await entries()).toBe(before + 1);
    const audit = await context.withStore((store) => store.db.selectFrom('audit_event').select(['actor', 'detail']).where('action', '=', 'erasure-suppression.remove').execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: expect.stringMatching(/^cli:/), detail: { kind: 'phone' } });
  }, 180_000);
});
