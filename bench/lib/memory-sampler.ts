/** Samples resident memory while work runs, so a benchmark can report its peak. */
export function startMemorySampler(intervalMs = 100) {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return { peakRssMb: Math.round(peakRss / 1048576), peakHeapMb: Math.round(peakHeap / 1048576) };
    },
  };
}
