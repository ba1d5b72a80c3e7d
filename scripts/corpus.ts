/**
 * `npm run corpus -- --out DIR [--seed N] [--scale F] [--force] [--measurements]`: writes a deterministic, valid
 * content corpus (10,000 files at scale 1) for benchmarks and tests. See scripts/lib/corpus.ts.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_NOW, DEFAULT_SEED, generateCorpus } from './lib/corpus.ts';

const USAGE = `Usage: npm run corpus -- --out DIR [--seed N] [--scale F] [--force] [--measurements]

  --out DIR     folder to write (required; must be empty unless --force)
  --seed N      integer seed (default ${DEFAULT_SEED}); same seed and scale, same bytes
  --scale F     multiply every count (default 1: 10,000 files); 0.01 makes 100
  --force       write into a non-empty folder, replacing its corpus folders and keel.yaml
  --measurements  also write measurements/<slo>.csv for every SLO (hourly, 90 days)
`;

function fail(message: string): never {
  process.stderr.write(`corpus: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      force: { type: 'boolean', default: false },
      measurements: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (cause) {
  fail((cause as Error).message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!values.out) fail('--out DIR is required');
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be an integer (got "${values.seed}")`);
const scale = values.scale === undefined ? 1 : Number(values.scale);
if (!(scale > 0) || !Number.isFinite(scale)) fail(`--scale must be a positive number (got "${values.scale}")`);

const out = resolve(values.out);
const started = performance.now();
let result;
try {
  result = generateCorpus({ out, seed, scale, force: values.force, measurements: values.measurements });
} catch (cause) {
  process.stderr.write(`corpus: ${(cause as Error).message}\n`);
  process.exit(1);
}
const seconds = (performance.now() - started) / 1000;
const mb = (result.bytes / 1024 / 1024).toFixed(1);
process.stdout.write(
  `${result.files} files, ${result.bytes} bytes (${mb} MiB) written to ${out} in ${seconds.toFixed(2)} s\n` +
    `  ${Object.entries(result.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}, keel.yaml 1 (${result.mdx} incidents as .mdx)\n` +
    `  slos/ documents: ${Object.entries(result.sloDocuments)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n` +
    (result.measurementFiles > 0 ? `  measurements/: ${result.measurementFiles} files, ${result.measurementRows} hourly rows\n` : '') +
    `  seed ${seed}, scale ${scale}; validate with KEEL_NOW=${CORPUS_NOW}\n`,
);
