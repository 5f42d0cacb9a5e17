import type { StoreSettings } from '../settings/index.js';
import { shellWord } from '../core/shell-words.js';
import { demoDatasets, type DemoDataset } from './datasets.js';

/**
 * How a demo load's progress shows in the store's settings (load-demo.ts): the demo's settings are
 * written first (its name, currency, time zone, `data_as_of`, `is_synthetic` for the synthetic one)
 * and `demo_dataset` last, once the imports and the analyses are done. A store marked as one demo's
 * without `demo_dataset` holds that demo's load stopped part-way (a killed process, a failure), and
 * the same `demo load` continues it. These are the rules `demo load` itself decides by, so what
 * `serve` says of such a store names a command that works on it.
 */
type LoadMarks = Pick<StoreSettings, 'name' | 'isSynthetic' | 'demoDataset' | 'dataAsOf'>;

/** The synthetic demo's load stopped part-way: known by its flag, which only that load sets. */
export function isUnfinishedSyntheticLoad(settings: Pick<StoreSettings, 'isSynthetic' | 'demoDataset'>): boolean {
  return settings.isSynthetic && settings.demoDataset === null;
}

/**
 * A public data set's load stopped part-way: the data set's end as the store's as-of, which only a
 * demo load writes, and its name (or the one such a load gave before, "cdnow (public data set)").
 */
export function isUnfinishedDatasetLoad(settings: LoadMarks, dataset: Pick<DemoDataset, 'name' | 'title' | 'asOf'>): boolean {
  return !settings.isSynthetic && settings.demoDataset === null && settings.dataAsOf !== null
    && new Date(settings.dataAsOf).getTime() === new Date(dataset.asOf).getTime()
    && (settings.name === dataset.title || settings.name === `${dataset.name} (public data set)`);
}

/** The name `demo load` takes of the demo whose load into the store stopped part-way, or null. */
export function findUnfinishedDemoLoad(settings: LoadMarks): string | null {
  if (isUnfinishedSyntheticLoad(settings)) return 'synthetic';
  return demoDatasets.find((dataset) => isUnfinishedDatasetLoad(settings, dataset))?.name ?? null;
}

/**
 * What `serve` says of a demo load it found stopped part-way and did not finish itself (a data set's
 * always; the synthetic demo's on a server store or under `--no-demo`): the store holds part of it,
 * and the same `demo load` continues it, not begins it again, since its imports are idempotent.
 */
export function unfinishedDemoLoadLines(store: { kind: 'embedded' | 'server'; location: string }, name: string): string[] {
  // a folder with a space is one word to the shell only in quotes
  const db = store.kind === 'embedded' ? `--db ${shellWord(store.location)} ` : '';
  const command = `\`clientele ${db}demo load ${name}\` (it continues where it stopped)`;
  if (name === 'synthetic') {
    return [
      'The synthetic demo\'s load into this store was interrupted: it holds part of the demo, and its reports are incomplete.',
      store.kind === 'server'
        ? `Finish it: with DATABASE_URL (or --db) naming the store, run ${command}, or restart with \`clientele serve --demo\`.`
        : `Finish it: stop the server and run ${command}, or restart with \`clientele ${db}serve\`.`,
    ];
  }
  return [
    `The ${name} data set's load into this store was interrupted: it holds part of the data set, and its reports are incomplete or missing.`,
    store.kind === 'server'
      ? `Finish it: with DATABASE_URL (or --db) naming the store, run ${command}.`
      : `Finish it: stop the server and run ${command}.`,
  ];
}
