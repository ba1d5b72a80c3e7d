/** Runs once before any test file: the tests' scratch folder exists however the files are ordered. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  mkdirSync(join(import.meta.dirname, '..', '..', 'tmp'), { recursive: true });
}
