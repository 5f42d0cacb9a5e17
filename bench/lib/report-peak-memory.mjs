// Preloaded (node --import) into a process a benchmark runs, such as the `clientele` CLI: on exit it
// writes to PEAK_MEMORY_FILE the process's own peak resident memory, measured by the kernel
// (getrusage), so a short spike between two samples is not missed; and what the JavaScript heap
// still held after each full (major) garbage collection, the memory the process retains: V8 lets
// garbage pile up to a few times that before collecting it, and sets how far by how long the
// process has run, so peak RSS alone grows with a run's length even when nothing is retained.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';

const retainedAfterMajorGc = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) retainedAfterMajorGc.push(process.memoryUsage().heapUsed);
  }
}).observe({ entryTypes: ['gc'] });

process.on('exit', () => {
  const file = process.env.PEAK_MEMORY_FILE;
  if (!file) return;
  writeFileSync(file, JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS,
    majorGcs: retainedAfterMajorGc.length,
    maxRetainedHeapKb: retainedAfterMajorGc.length === 0 ? null : Math.round(Math.max(...retainedAfterMajorGc) / 1024),
  }));
});
