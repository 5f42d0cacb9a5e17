// Makes the migrated, empty store that new embedded stores start from (src/db/store-template.ts),
// after tsc has compiled build/: `npm run build` runs it.
import { ensureStoreTemplate } from '../build/db/write-store-template.js';

console.log(`Store template: ${await ensureStoreTemplate()}`);
