/**
 * Runs the MDX syntax check (src/content/mdx.ts) for a whole content folder. MDX parsing is
 * the most expensive step per file, so a folder with many MDX files hands the bodies to a
 * worker thread as they are found, and the main thread keeps reading YAML meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { MAX_MDX_MS, MAX_MDX_RUN_MS } from '../core/limits.ts';
import { createMdxBudget, type MdxRefusal } from './mdx-bounds.ts';
import type { ComponentUse } from '../core/mdx-components.ts';
import type { MdxProblem } from './mdx.ts';

/** A problem of a body, or why it was not parsed (a bound on what it holds, src/content/mdx-bounds.ts). */
export interface MdxFinding extends MdxProblem {
  refused?: MdxRefusal;
  /** The run's last guard on time was spent before this body (`timeout` is set too). */
  runGuard?: true;
}

/** What a check answers: the body's problems and the components it uses (none when it was not parsed). */
export type MdxDone = (problems: MdxFinding[], components?: ComponentUse[]) => void;

/** Checks one body; `done` receives its problems, at once or later (before `drain` ends). */
export type MdxCheck = (body: string, done: MdxDone) => void;

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

/**
 * A worker thread running `script`, with Node's compile cache on (bin/keel.mjs turns it on for
 * the main thread only): without it, each worker compiled the MDX parser's modules again and, in
 * a checkout, loaded the TypeScript stripper to read its own (0.15-0.18 s of CPU per worker). A
 * script that fails to load fails the worker, as before (its "error" event).
 */
function startWorker(script: URL): Worker {
  const boot = `require('node:module').enableCompileCache?.();
import(${JSON.stringify(script.href)}).catch((error) => process.nextTick(() => { throw error; }));`;
  return new Worker(boot, { eval: true });
}

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
  // What a body holds decides first, the same on every machine; time is only the last guard.
  const budget = createMdxBudget();
  return {
    check: (body, done) => {
      const refused = budget.admit(body);
      if (refused) done([{ line: refused.line, column: 1, message: '', refused }]);
      else if (body.length > timedFrom) timed.check(body, done);
      else inner.check(body, done);
    },
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
function timedChecker(script: URL, limitMs: number, runLimitMs = MAX_MDX_RUN_MS): Pick<MdxChecker, 'check' | 'drain'> {
  const queue: { body: string; done: MdxDone }[] = [];
  let worker: Worker | undefined;
  let busy: { done: MdxDone; timer: NodeJS.Timeout; started: number } | undefined;
  let idle = () => {};
  /** Time the guarded bodies took together: past runLimitMs, the rest are not parsed. */
  let spent = 0;
  const finish = (problems: MdxFinding[], components?: ComponentUse[]) => {
    const job = busy!;
    clearTimeout(job.timer);
    spent += performance.now() - job.started;
    busy = undefined;
    job.done(problems, components);
    next();
  };
  const stop = () => {
    const w = worker;
    worker = undefined;
    void w?.terminate();
  };
  const spawn = () => {
    const w = startWorker(script);
    w.on('message', ({ answers }: { answers: Answer[] }) => {
      if (w === worker && busy) finish(answers[0]!.problems, answers[0]!.components);
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
    if (spent >= runLimitMs) {
      job.done([{ line: 1, column: 1, message: '', timeout: true, runGuard: true }]);
      return next();
    }
    worker ??= spawn();
    const timer = setTimeout(() => {
      stop();
      finish([{ line: 1, column: 1, message: '', timeout: true }]);
    }, limitMs);
    busy = { done: job.done, timer, started: performance.now() };
    worker.postMessage({ jobs: [{ id: 0, body: job.body }] });
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
  const { checkMdx } = await import('./mdx.ts');
  return (body, done) => {
    const { problems, components } = checkMdx(body);
    done(problems, components);
  };
}

/** What the worker answers for one body. */
interface Answer {
  id: number;
  problems: MdxProblem[];
  components: ComponentUse[];
}

/**
 * Bodies go to the worker this many at a time: each message wakes the worker, and on a busy
 * machine each wake-up cost this thread more than copying the body (a quarter of a millisecond).
 */
const BATCH = 16;

function workerChecker(script: URL): MdxChecker {
  const worker = startWorker(script);
  const pending = new Map<number, { body: string; done: MdxDone }>();
  let fallback: Promise<MdxCheck> | undefined;
  let outbox: { id: number; body: string }[] = [];
  const flush = () => {
    if (outbox.length === 0 || fallback) return;
    worker.postMessage({ jobs: outbox });
    outbox = [];
  };
  let nextId = 0;
  let draining = false;
  let ranOn: MdxChecker['ranOn'] = 'worker';
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const answer = (id: number, problems: MdxProblem[], components?: ComponentUse[]) => {
    pending.get(id)?.done(problems, components);
    pending.delete(id);
    if (draining && pending.size === 0) settle();
  };
  // Should the worker fail to start or die, every body it holds, and every later one, is
  // checked in this thread instead: nothing waits for an answer that will never come.
  const checkHere = (id: number) =>
    fallback!.then((check) => {
      const job = pending.get(id);
      if (job) check(job.body, (problems, components) => answer(id, problems, components));
    });
  worker.on('message', ({ answers }: { answers: Answer[] }) => {
    for (const { id, problems, components } of answers) answer(id, problems, components);
  });
  worker.on('error', () => {
    ranOn = 'this thread after the worker failed';
    outbox = [];
    fallback = inProcessCheck();
    for (const id of pending.keys()) void checkHere(id);
  });
  return {
    check(body, done) {
      const id = nextId++;
      pending.set(id, { body, done });
      if (fallback) void checkHere(id);
      else if (outbox.push({ id, body }) >= BATCH) flush();
    },
    async drain() {
      flush();
      draining = true;
      if (pending.size > 0) await settled;
      await worker.terminate();
    },
    get ranOn() {
      return ranOn;
    },
  };
}
