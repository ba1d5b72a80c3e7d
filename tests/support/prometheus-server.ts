/**
 * A real Prometheus server for a test: OpenMetrics text backfilled into blocks with `promtool tsdb
 * create-blocks-from openmetrics`, served from a temporary storage folder on 127.0.0.1 at a free
 * port, with a retention long enough to keep the backfilled blocks. `stop()` kills it and removes
 * the folder; call it in afterAll so the server never outlives the test, failed or not.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { PROMETHEUS, promtool } from './promtool.ts';

export interface PrometheusServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startPrometheus(openMetrics: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'keel-prometheus-'));
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'metrics.om'), openMetrics);
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1m\n');
  const backfill = await promtool(['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'metrics.om'), data]);
  if (backfill.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`promtool could not backfill: ${backfill.output}`);
  }
  const port = await freePort();
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop };
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`Prometheus did not become ready on ${url}:\n${log}`);
}
