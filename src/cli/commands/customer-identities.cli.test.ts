import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore("clientele customers: correcting and removing a customer's identities", (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await run('--json', ...args));
  const auditDetails = (customerId: number, action: string) => context.withStore(async (store) =>
    (await store.db.selectFrom('audit_event').select('detail').where('action', '=', action).where('entity_id', '=', String(customerId)).orderBy('audit_id').execute())
      .map((entry) => (typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail)));

  it('says which identity an update replaced, and the old number finds nobody', async () => {
    const created = await json('customers', 'create', '--name', 'Sari', '--phone', '0812 3456 7890', '--identity', 'loyalty_card:LC-5');
    const customerId = created.customer.customer_id as number;
    const text = await run('customers', 'update', String(customerId), '--phone', '0812 3456 7899');
    expect(text.trim()).toBe(`Customer #${customerId}: phone: +6281234567890 → +6281234567899.\nidentities: phone +6281234567890 replaced by +6281234567899; now loyalty_card LC-5, phone +6281234567899`);
    expect(await json('customers', 'list', '-q', '+6281234567890')).toMatchObject({ items: [] });
    expect((await json('audit', '--action', 'customer.update')).items[0].detail).toMatchObject({
      before: { phone: '+6281234567890' }, after: { phone: '+6281234567899' }, replacedIdentities: [{ kind: 'phone', from: '+6281234567890', to: '+6281234567899' }],
    });
    // written by the service in the change's transaction, once each, with the command line's actor
    const entries = await context.withStore(async (store) => store.db.selectFrom('audit_event').select(['action', 'actor'])
      .where('entity_id', '=', String(customerId)).orderBy('audit_id').execute());
    expect(entries).toEqual([{ action: 'customer.create', actor: expect.stringMatching(/^cli:/) }, { action: 'customer.update', actor: expect.stringMatching(/^cli:/) }]);
  }, 120_000);

  it('removes an identity through the API\'s service, audited, with --json giving the API\'s answer', async () => {
    const created = await json('customers', 'create', '--name', 'Rudi', '--email', 'rudi@example.com', '--phone', '0813 1111 2222', '--identity', 'loyalty_card:LC-9');
    const customerId = created.customer.customer_id as number;
    const card = await json('customers', 'identities', 'remove', String(customerId), 'loyalty_card', ' LC-9 ');
    expect(card).toMatchObject({ removed: { kind: 'external', namespace: 'loyalty_card', value: 'LC-9' }, clearedField: null, customer: { customer: { customer_id: customerId } } });
    expect(card.customer.identities.map((identity: { value: string }) => identity.value).sort()).toEqual(['+6281311112222', 'rudi@example.com']);
    const phone = await run('customers', 'identities', 'remove', String(customerId), 'phone', '0813-1111-2222');
    expect(phone.trim()).toBe(`Removed phone +6281311112222 from customer #${customerId}; the profile's phone was cleared with it.\nidentities: email rudi@example.com`);
    expect((await json('customers', 'show', String(customerId))).customer.phone).toBeNull();
    expect(await auditDetails(customerId, 'customer.identity.remove')).toMatchObject([
      { kind: 'external', namespace: 'loyalty_card', value: 'LC-9', clearedField: null },
      { kind: 'phone', value: '+6281311112222', clearedField: 'phone', before: { phone: '+6281311112222' } },
    ]);
    const missing = await runCliInProcess(context.db, ['customers', 'identities', 'remove', String(customerId), 'phone', '0813-1111-2222']);
    expect({ exitCode: missing.exitCode, code: (missing.error as { code?: string }).code }).toMatchObject({ exitCode: expect.any(Number), code: 'CUSTOMER_IDENTITY_NOT_FOUND' });
    expect(missing.exitCode).not.toBe(0);
  }, 120_000);
});
