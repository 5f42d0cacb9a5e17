import { ensureStoreTemplate } from '../../src/db/write-store-template.js';

/**
 * Makes sure the store template exists for the migrations as they are now
 * (src/db/store-template.ts; `npm run build` makes it too): each embedded
 * test store then starts as a copy of it instead of running initdb and the
 * migrations (1–2 s saved per store, and there is one per suite that runs on
 * both stores), and so does every new store a CLI process under test creates.
 */
export default async function setup() {
  await ensureStoreTemplate();
}
