/**
 * Worker thread of src/content/load.ts: loads the later part of a large content folder with the
 * validator's body checks (src/rules/validate.ts) and answers with every file's result; the
 * MDX budget the earlier part leaves comes as a message (src/content/mdx-checker.ts).
 */
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { PartRequest } from '../content/load.ts';

// As bin/keel.mjs does for the main thread: the modules below compile from the cache.
module.enableCompileCache?.();
const budget = new Promise<number>((resolve) => parentPort!.once('message', resolve));
const [{ loadPart }, { checkBodies }] = await Promise.all([import('../content/load.ts'), import('./validate.ts')]);
parentPort!.postMessage(await loadPart(workerData as PartRequest, checkBodies, budget));
