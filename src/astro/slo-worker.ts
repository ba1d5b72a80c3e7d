/**
 * The SLO engine on a worker thread (src/astro/slo-evaluations.ts): while the internal build
 * loads the content on the main thread, this one evaluates every SLO with its dashboard series.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateSlo, type SloEvaluation, type SloInput } from '../domain/slo/evaluate.ts';

/** What the build sends: every SLO's input, dashboard series asked for. */
export interface SloRequest {
  inputs: readonly SloInput[];
}
/** What the worker answers: the evaluations in the inputs' order, or why it could not. */
export type SloReply = { evaluations: SloEvaluation[] } | { error: string };

const port = parentPort!;
port.once('message', ({ inputs }: SloRequest) => {
  let reply: SloReply;
  try {
    reply = { evaluations: inputs.map(evaluateSlo) };
  } catch (cause) {
    reply = { error: cause instanceof Error ? cause.message : String(cause) };
  }
  port.postMessage(reply);
});
