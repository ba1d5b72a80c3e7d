import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSlo } from '../domain/slo/evaluate.ts';
import { dashboardInputs } from '../model/slos.ts';
import { validateContent } from '../rules/validate.ts';
import { evaluateSlos, WORKER_SLOS } from './slo-evaluations.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('evaluateSlos', async () => {
  const { index } = await validateContent(resolve('content'), { cwd: process.cwd(), now: NOW });
  const sample = dashboardInputs(index, NOW);
  // The sample's SLOs over and over: as many as a worker takes.
  const many = Array.from({ length: Math.ceil(WORKER_SLOS / sample.length) }, () => sample).flat();

  it.each([
    ['here, for a few SLOs', sample, false],
    ['on a worker thread, for many', many, true],
  ])('evaluates %s exactly as the engine does, in the inputs’ order', async (_, inputs, onWorker) => {
    expect(sample.some((input) => input.series !== undefined)).toBe(true);
    const result = await evaluateSlos(inputs);
    expect(result.onWorker).toBe(onWorker);
    // toStrictEqual: every number, Map, undefined and dashboard series as the engine gave it.
    expect(result.evaluations).toStrictEqual(inputs.map(evaluateSlo));
    expect(result.evaluations[0]!.objectives[0]!.history).toBeDefined();
  });
});
