/** Worker thread of src/content/mdx-checker.ts: checks MDX bodies, a batch at a time, answers with their problems and the components they use. */
import { parentPort } from 'node:worker_threads';
import { checkMdx } from './mdx.ts';

parentPort!.on('message', ({ jobs }: { jobs: { id: number; body: string }[] }) => {
  parentPort!.postMessage({ answers: jobs.map(({ id, body }) => ({ id, ...checkMdx(body) })) });
});
