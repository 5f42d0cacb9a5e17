import { defineConfig } from 'vitest/config';

/**
 * Two projects. The tests under src/ share one process per worker (isolate: false): each file
 * re-importing the app's modules in a fresh process cost 1.4 s of the file's worker on average,
 * twelve minutes of a run. So a src/ test sets the module state it relies on (the CLI's money and
 * time format, say) rather than counting on a fresh module. The end-to-end tests under test/ (a
 * browser, a killed process, the compiled CLI) and the tests that measure the process itself
 * (*.memory.test.ts: its heap) keep a process of their own per file.
 */
const ownProcess = ['test/**/*.test.ts', 'src/**/*.memory.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/embedded-image.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'modules', include: ['src/**/*.test.ts'], exclude: ownProcess, isolate: false } },
      { extends: true, test: { name: 'own-process', include: ownProcess } },
    ],
  },
});
