import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

export function registerRebuildCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('rebuild').description("recompute every customer's purchase facts from orders, lines and events, and bring their types, segments and personas up to date"), [
    ['clientele rebuild', 'after restoring orders by hand; the result equals what imports kept current'],
  ]).action(async () => {
    const { rebuildFacts } = await import('../../ingest/rebuild.service.js');
    const result = await runtime.withStore(({ db, clock }) => rebuildFacts(db, { clock }), { bulk: true });
    runtime.print(result, (r) => `Rebuilt purchase facts of ${r.customers.toLocaleString('en')} customers in ${r.seconds.toFixed(1)} s; ` +
      `${r.changedCustomers.toLocaleString('en')} had changed, and their types, segment memberships and personas now follow.`);
  });
}
