/** Worker thread of src/content/mdx-checker.ts: checks MDX bodies, answers with their problems. */
import { parentPort } from 'node:worker_threads';
import { checkMdxSyntax } from './mdx.ts';

parentPort!.on('message', ({ id, body }: { id: number; body: string }) => {
  parentPort!.postMessage({ id, problems: checkMdxSyntax(body) });
});
