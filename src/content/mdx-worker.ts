/** Worker thread of src/content/mdx-checker.ts: checks MDX bodies, answers with their problems and the components they use. */
import { parentPort } from 'node:worker_threads';
import { checkMdx } from './mdx.ts';

parentPort!.on('message', ({ id, body }: { id: number; body: string }) => {
  parentPort!.postMessage({ id, ...checkMdx(body) });
});
