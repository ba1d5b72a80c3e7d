/**
 * Runs the MDX syntax check (src/content/mdx.ts) for a whole content folder. MDX parsing is
 * the most expensive step per file, so a folder with many MDX files hands the bodies to a
 * worker thread as they are found, and the main thread keeps reading YAML meanwhile.
 */
import { Worker } from 'node:worker_threads';
import type { MdxProblem } from './mdx.ts';

/** Checks one body; `done` receives its problems, at once or later (before `drain` ends). */
export type MdxCheck = (body: string, done: (problems: MdxProblem[]) => void) => void;

export interface MdxChecker {
  check: MdxCheck;
  /** Resolves once every body given to `check` has had its `done` called. */
  drain(): Promise<void>;
  /** Where the checks ran: this thread, the worker, or this thread after the worker failed. */
  readonly ranOn: 'this thread' | 'worker' | 'this thread after the worker failed';
}

/** From this many MDX files on, a worker thread pays for its start-up. */
export const MDX_WORKER_FROM = 64;

/** A checker for `mdxFiles` MDX files, or none when there are none. */
export async function createMdxChecker(mdxFiles: number, workerFrom = MDX_WORKER_FROM): Promise<MdxChecker | undefined> {
  if (mdxFiles === 0) return undefined;
  if (mdxFiles < workerFrom) {
    const check = await inProcessCheck();
    return { check, drain: async () => {}, ranOn: 'this thread' };
  }
  return workerChecker();
}

/** The check in this thread (loads the MDX parser). */
export async function inProcessCheck(): Promise<MdxCheck> {
  const { checkMdxSyntax } = await import('./mdx.ts');
  return (body, done) => done(checkMdxSyntax(body));
}

function workerChecker(): MdxChecker {
  const worker = new Worker(new URL('./mdx-worker.ts', import.meta.url));
  const pending = new Map<number, { body: string; done: (problems: MdxProblem[]) => void }>();
  let nextId = 0;
  let draining = false;
  let ranOn: MdxChecker['ranOn'] = 'worker';
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  worker.on('message', ({ id, problems }: { id: number; problems: MdxProblem[] }) => {
    pending.get(id)?.done(problems);
    pending.delete(id);
    if (draining && pending.size === 0) settle();
  });
  // Should the worker fail to start or die, the bodies it still holds are checked here.
  worker.on('error', async () => {
    ranOn = 'this thread after the worker failed';
    const check = await inProcessCheck();
    for (const { body, done } of pending.values()) check(body, done);
    pending.clear();
    settle();
  });
  return {
    check(body, done) {
      const id = nextId++;
      pending.set(id, { body, done });
      worker.postMessage({ id, body });
    },
    async drain() {
      draining = true;
      if (pending.size > 0) await settled;
      await worker.terminate();
    },
    get ranOn() {
      return ranOn;
    },
  };
}
