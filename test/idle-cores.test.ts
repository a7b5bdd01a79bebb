// Deciding on worker threads: a decision made right after start-up waits until the CPU times since
// start-up can be measured, instead of trusting the 1-minute load average (which, right after another
// build, reports busy cores that are idle).
import { describe, expect, it, vi } from 'vitest';

describe('coresMeasured', () => {
  it('resolves no sooner than 220 ms after the module loaded, and at once after that', async () => {
    vi.resetModules();
    const before = performance.now();
    const { coresMeasured, coresUsedByOthers } = await import('../src/util/idle-cores.js');
    await coresMeasured();
    expect(performance.now() - before).toBeGreaterThanOrEqual(220);
    const again = performance.now();
    await coresMeasured();
    expect(performance.now() - again).toBeLessThan(20);
    const used = coresUsedByOthers();
    expect(used).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(used)).toBe(true);
  });
});
