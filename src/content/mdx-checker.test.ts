import { describe, expect, it, vi } from 'vitest';
import { createMdxChecker } from './mdx-checker.ts';
import type { MdxProblem } from './mdx.ts';

const bodies = ['Fine <Chart kind="line" /> text.\n', 'Queue depth <Chart kind="line"> grew.\n', '{/* a comment */}\n\nok\n'];

async function checkAll(workerFrom: number) {
  const checker = (await createMdxChecker(bodies.length, workerFrom))!;
  const answers: MdxProblem[][] = [];
  bodies.forEach((body, i) => checker.check(body, (problems) => (answers[i] = problems)));
  await checker.drain();
  return { answers, ranOn: checker.ranOn };
}

describe('createMdxChecker', () => {
  it('has nothing to do without MDX files', async () => {
    expect(await createMdxChecker(0)).toBeUndefined();
  });

  it('checks in this thread below the threshold', async () => {
    const { answers, ranOn } = await checkAll(10);
    expect(ranOn).toBe('this thread');
    expect(answers.map((a) => a.length)).toEqual([0, 1, 0]);
    expect(answers[1]![0]).toMatchObject({ line: 1, column: 13 });
  });

  it('checks on a worker thread from the threshold on, with the same answers, every one before drain ends', async () => {
    const here = await checkAll(10);
    const worker = await checkAll(1);
    expect(worker.ranOn).toBe('worker');
    expect(worker.answers).toEqual(here.answers);
  });

  it('checks every body in this thread when the worker fails, those given before and after the failure', async () => {
    const here = await checkAll(10);
    const broken = new URL('./no-such-worker.ts', import.meta.url);
    const checker = (await createMdxChecker(bodies.length, 1, broken))!;
    const answers: MdxProblem[][] = [];
    checker.check(bodies[0]!, (problems) => (answers[0] = problems));
    await vi.waitFor(() => expect(checker.ranOn).toBe('this thread after the worker failed'));
    checker.check(bodies[1]!, (problems) => (answers[1] = problems));
    checker.check(bodies[2]!, (problems) => (answers[2] = problems));
    await checker.drain();
    expect(answers).toEqual(here.answers);
  });
});
