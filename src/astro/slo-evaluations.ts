/**
 * The internal build's SLO evaluations, started as soon as the content is validated. The SLO
 * engine is the largest part of the internal pages' data (3.4 s of the corpus build's 6 to 10 s,
 * every SLO with its dashboard series), and the pages' data used to be computed when the first
 * page asked for it, after the content load, while the second core sat idle. Now a worker thread
 * (src/astro/slo-worker.ts) evaluates every SLO while Astro loads the content on the main thread,
 * and the page data (src/site/data/internal.ts) takes its evaluations from the build's shared
 * state. The evaluations are the engine's own values: structured clone keeps every number, Map
 * and undefined. A worker that fails, or a build with few SLOs, evaluates on the main thread.
 */
import { Worker } from 'node:worker_threads';
import { evaluateSlo, type SloEvaluation, type SloInput } from '../domain/slo/evaluate.ts';
import { dashboardInputs } from '../model/slos.ts';
import type { ValidationResult } from '../rules/validate.ts';
import { sharedState } from './shared.ts';
import type { SloReply, SloRequest } from './slo-worker.ts';

/** Below this many SLOs the worker's start (loading the engine's modules again) costs more than it saves. */
export const WORKER_SLOS = 50;

/** The worker's module: slo-worker.ts beside this one, or slo-worker.js in the compiled package. */
const SLO_WORKER = new URL(`./slo-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

export interface Evaluated {
  evaluations: SloEvaluation[];
  /** Whether a worker thread did the work. */
  onWorker: boolean;
}

/** `inputs` evaluated, in their order: on a worker thread from {@link WORKER_SLOS} SLOs on, else (or if the worker fails) here. */
export function evaluateSlos(inputs: readonly SloInput[]): Promise<Evaluated> {
  const onMain = (): Evaluated => ({ evaluations: inputs.map(evaluateSlo), onWorker: false });
  if (inputs.length < WORKER_SLOS) return Promise.resolve(onMain());
  return new Promise<Evaluated>((resolve) => {
    let worker: Worker | undefined;
    let settled = false;
    const settle = (evaluations: SloEvaluation[] | undefined) => {
      if (settled) return;
      settled = true;
      void worker?.terminate();
      resolve(evaluations ? { evaluations, onWorker: true } : onMain());
    };
    try {
      worker = new Worker(SLO_WORKER);
      worker.unref();
      worker.once('message', (reply: SloReply) => settle('evaluations' in reply ? reply.evaluations : undefined));
      worker.once('error', () => settle(undefined));
      worker.once('exit', () => settle(undefined));
      worker.postMessage({ inputs } satisfies SloRequest);
    } catch {
      settle(undefined);
    }
  });
}

/** Starts the evaluations of an internal build's SLOs at `at`, for its page data to take (shared.ts, `takeEvaluations`). */
export function startSloEvaluations(validation: ValidationResult, at: number): void {
  const evaluations = evaluateSlos(dashboardInputs(validation.index, at)).then((r) => r.evaluations);
  sharedState().sloEvaluations.set(validation, { at, evaluations });
}
