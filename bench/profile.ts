/*
 * A plain loop over one configuration, for the CPU profiler:
 *
 *   node --cpu-prof --cpu-prof-dir=out/profiles --cpu-prof-name=c.cpuprofile \
 *     --import tsx bench/profile.ts c
 *   npx tsx bench/profileSummary.ts out/profiles/c.cpuprofile
 *
 * Configurations: `b` (SDK + processor, spans made by the helpers), `c`
 * (processor alone, fed a pool of pre-built finished spans) or `c0` (`c` with
 * no-op metric instruments). PROFILE_LIFECYCLES sets the measured lifecycles
 * (default 100k for b, 200k for c and c0). The span pool for c/c0 is built
 * inside the profile too (about 1 s of it).
 */
import {
  buildSpanPool,
  processorAlone,
  runLifecycle,
  SPANS_PER_LIFECYCLE,
  withProcessor,
  yieldToLoop,
} from './workload.js';

const which = process.argv[2] ?? 'c';
const BATCH = 200;

/** Wall and process CPU time per lifecycle since `start`, CPU beside wall as in the bench. */
function perLifecycle(start: { wall: number; cpu: NodeJS.CpuUsage }, lifecycles: number): string {
  const wall = ((performance.now() - start.wall) * 1e6) / lifecycles;
  const used = process.cpuUsage(start.cpu);
  const cpu = ((used.user + used.system) * 1000) / lifecycles;
  return `${wall.toFixed(0)} ns wall, ${cpu.toFixed(0)} ns CPU each`;
}
const started = () => ({ wall: performance.now(), cpu: process.cpuUsage() });

async function main(): Promise<void> {
  if (which === 'b') {
    const lifecycles = Number(process.env.PROFILE_LIFECYCLES ?? 100_000);
    const pipeline = withProcessor();
    const start = started();
    for (let done = 0; done < lifecycles; done += BATCH) {
      for (let i = done; i < done + BATCH; i++) runLifecycle(pipeline.reviews, i);
      await yieldToLoop();
    }
    const timing = perLifecycle(start, lifecycles);
    await pipeline.shutdown();
    console.log(`b: ${lifecycles} lifecycles, ${timing}`);
  } else if (which === 'c' || which === 'c0') {
    const lifecycles = Number(process.env.PROFILE_LIFECYCLES ?? 200_000);
    const pool = buildSpanPool(20_000);
    const { processor, shutdown } = processorAlone({ noopMetrics: which === 'c0' });
    const spans = lifecycles * SPANS_PER_LIFECYCLE;
    let at = 0;
    const start = started();
    for (let done = 0; done < spans; done += BATCH * SPANS_PER_LIFECYCLE) {
      for (let n = 0; n < BATCH * SPANS_PER_LIFECYCLE; n++) {
        processor.onEnd(pool[at] as (typeof pool)[number]);
        at = at + 1 === pool.length ? 0 : at + 1;
      }
      await yieldToLoop();
    }
    const timing = perLifecycle(start, lifecycles);
    await shutdown();
    console.log(`${which}: ${lifecycles} lifecycles, ${timing}`);
  } else {
    throw new Error(`unknown configuration ${which}; use b, c or c0`);
  }
}

await main();
