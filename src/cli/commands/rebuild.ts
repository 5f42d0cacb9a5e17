import type { Command } from 'commander';
import { rebuildTraits } from '../../traits/index.js';
import type { CliRuntime } from '../runtime.js';

export function registerRebuildCommand(program: Command, runtime: CliRuntime): void {
  program.command('rebuild').description("recompute every customer's purchase facts from orders, lines and events").action(async () => {
    const result = await runtime.withStore(({ db }) => rebuildTraits(db));
    runtime.print(result, (r) => `Rebuilt purchase facts of ${r.customers.toLocaleString('en')} customers in ${r.seconds.toFixed(1)} s.`);
  });
}
