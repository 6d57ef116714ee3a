/**
 * Benchmark runner: `npm run bench`. Each module in `modules` exports `benchmarks`, a list of
 * named async functions; every one is warmed up, then timed several times, and the median is
 * printed as a JSON line {"name", "value", "unit": "ms", ...}. Add a domain by adding its module.
 */
export interface Benchmark {
  name: string;
  /** Target in ms, printed alongside for the reader. */
  targetMs?: number;
  warmup?: number;
  repeats?: number;
  /** Prepares inputs outside the timed part; returns the timed function. */
  setup: () => Promise<() => unknown> | (() => unknown);
  /** Extra fields for the JSON line (sizes…). */
  info?: Record<string, unknown>;
}

const modules: (() => Promise<{ benchmarks: Benchmark[] }>)[] = [() => import('./assessment-engine.bench.ts'), () => import('./requests/requests.bench.ts'), () => import('./assessment-workflow.bench.ts')];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Nearest-rank quantile (p95 of response times). */
function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  for (const load of modules) {
    const { benchmarks } = await load();
    for (const b of benchmarks) {
      if (filter !== undefined && !b.name.includes(filter)) continue;
      const fn = await b.setup();
      // Awaited, so benchmarks of asynchronous work (database, HTTP) are timed to their end.
      for (let i = 0; i < (b.warmup ?? 3); i++) await fn();
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < (b.repeats ?? 7); i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await fn();
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      // value: median wall-clock time; cpuMs: median CPU time of this process, which stays
      // meaningful when other processes compete for the cores.
      const line = {
        name: b.name,
        value: Number(median(times).toFixed(3)),
        unit: 'ms',
        p95: Number(quantile(times, 0.95).toFixed(3)),
        cpuMs: Number(median(cpu).toFixed(3)),
        repeats: times.length,
        ...(b.targetMs !== undefined ? { target: b.targetMs } : {}),
        ...b.info,
      };
      console.log(JSON.stringify(line));
    }
  }
}

await main();
