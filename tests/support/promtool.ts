/** Prometheus's own tools for the tests that prove Keel against them (Debian's prometheus package). */
import { execFile } from 'node:child_process';

export const PROMTOOL = '/usr/bin/promtool';
export const PROMETHEUS = '/usr/bin/prometheus';

/** Runs promtool; resolves with its exit code and output, never rejects on a non-zero exit. */
export function promtool(args: readonly string[], cwd?: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(PROMTOOL, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Cumulative counter values from per-interval counts: the counter's value at each interval's end, from 0. */
export function cumulative(counts: readonly number[], start = 0): number[] {
  const out = [start];
  for (const count of counts) out.push(out.at(-1)! + count);
  return out;
}
