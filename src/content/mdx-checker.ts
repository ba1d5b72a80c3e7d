/**
 * Runs the MDX syntax check (src/content/mdx.ts) for a whole content folder. MDX parsing is
 * the most expensive step per file, so a folder with many MDX files hands the bodies to a
 * worker thread as they are found, and the main thread keeps reading YAML meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { MAX_MDX_MS } from '../core/limits.ts';
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

/**
 * Bodies longer than this are parsed on a worker thread of their own, stopped after
 * MAX_MDX_MS: the MDX parser takes time quadratic in some text (a long line of "[a](").
 */
export const MDX_TIMED_FROM = 16 * 1024;

/** The worker's module: mdx-worker.ts beside this one, or mdx-worker.js in the compiled package. */
const MDX_WORKER = new URL(`./mdx-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

/** A checker for `mdxFiles` MDX files, or none when there are none. */
export async function createMdxChecker(
  mdxFiles: number,
  workerFrom = MDX_WORKER_FROM,
  workerScript = MDX_WORKER,
  { timedFrom = MDX_TIMED_FROM, limitMs = MAX_MDX_MS }: { timedFrom?: number; limitMs?: number } = {},
): Promise<MdxChecker | undefined> {
  if (mdxFiles === 0) return undefined;
  const inner: MdxChecker = mdxFiles < workerFrom ? { check: await inProcessCheck(), drain: async () => {}, ranOn: 'this thread' } : workerChecker(workerScript);
  const timed = timedChecker(workerScript, limitMs);
  return {
    check: (body, done) => (body.length > timedFrom ? timed.check(body, done) : inner.check(body, done)),
    drain: async () => {
      await Promise.all([inner.drain(), timed.drain()]);
    },
    get ranOn() {
      return inner.ranOn;
    },
  };
}

/**
 * One body at a time on a worker thread, each with a time limit: a body that takes longer is
 * answered with a `timeout` problem, and its worker is stopped (a new one takes the next body).
 */
function timedChecker(script: URL, limitMs: number): Pick<MdxChecker, 'check' | 'drain'> {
  const queue: { body: string; done: (problems: MdxProblem[]) => void }[] = [];
  let worker: Worker | undefined;
  let busy: { done: (problems: MdxProblem[]) => void; timer: NodeJS.Timeout } | undefined;
  let idle = () => {};
  const finish = (problems: MdxProblem[]) => {
    const job = busy!;
    clearTimeout(job.timer);
    busy = undefined;
    job.done(problems);
    next();
  };
  const stop = () => {
    const w = worker;
    worker = undefined;
    void w?.terminate();
  };
  const spawn = () => {
    const w = new Worker(script);
    w.on('message', ({ problems }: { problems: MdxProblem[] }) => {
      if (w === worker && busy) finish(problems);
    });
    // A worker that fails cannot say whether the body is valid: report it as not checked.
    w.on('error', () => {
      if (w !== worker || !busy) return;
      stop();
      finish([{ line: 1, column: 1, message: '', timeout: true }]);
    });
    return w;
  };
  const next = () => {
    const job = queue.shift();
    if (!job) return idle();
    worker ??= spawn();
    const timer = setTimeout(() => {
      stop();
      finish([{ line: 1, column: 1, message: '', timeout: true }]);
    }, limitMs);
    busy = { done: job.done, timer };
    worker.postMessage({ id: 0, body: job.body });
  };
  return {
    check(body, done) {
      queue.push({ body, done });
      if (!busy) next();
    },
    async drain() {
      if (busy || queue.length > 0) await new Promise<void>((resolve) => (idle = resolve));
      stop();
    },
  };
}

/** The check in this thread (loads the MDX parser). */
export async function inProcessCheck(): Promise<MdxCheck> {
  const { checkMdxSyntax } = await import('./mdx.ts');
  return (body, done) => done(checkMdxSyntax(body));
}

function workerChecker(script: URL): MdxChecker {
  const worker = new Worker(script);
  const pending = new Map<number, { body: string; done: (problems: MdxProblem[]) => void }>();
  let nextId = 0;
  let draining = false;
  let ranOn: MdxChecker['ranOn'] = 'worker';
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const answer = (id: number, problems: MdxProblem[]) => {
    pending.get(id)?.done(problems);
    pending.delete(id);
    if (draining && pending.size === 0) settle();
  };
  // Should the worker fail to start or die, every body it holds, and every later one, is
  // checked in this thread instead: nothing waits for an answer that will never come.
  let fallback: Promise<MdxCheck> | undefined;
  const checkHere = (id: number) =>
    fallback!.then((check) => {
      const job = pending.get(id);
      if (job) check(job.body, (problems) => answer(id, problems));
    });
  worker.on('message', ({ id, problems }: { id: number; problems: MdxProblem[] }) => answer(id, problems));
  worker.on('error', () => {
    ranOn = 'this thread after the worker failed';
    fallback = inProcessCheck();
    for (const id of pending.keys()) void checkHere(id);
  });
  return {
    check(body, done) {
      const id = nextId++;
      pending.set(id, { body, done });
      if (fallback) void checkHere(id);
      else worker.postMessage({ id, body });
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
