import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

export function registerRebuildCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('rebuild').description("recompute every customer's purchase facts from orders, lines and events"), [
    ['clientele rebuild', 'after restoring orders by hand; the result equals what imports kept current'],
  ]).action(async () => {
    const { rebuildTraits } = await import('../../traits/index.js');
    const result = await runtime.withStore(({ db }) => rebuildTraits(db), { bulk: true });
    runtime.print(result, (r) => `Rebuilt purchase facts of ${r.customers.toLocaleString('en')} customers in ${r.seconds.toFixed(1)} s.`);
  });
}
