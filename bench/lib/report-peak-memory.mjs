// Preloaded (node --import) into a process a benchmark runs, such as the `clientele` CLI: on exit it
// writes the process's own peak resident memory to PEAK_MEMORY_FILE, measured by the kernel
// (getrusage), so a short spike between two samples is not missed.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.PEAK_MEMORY_FILE;
  if (file) writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
