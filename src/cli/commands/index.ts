/** The table of `keel` commands; the usage text is generated from it (src/cli/usage.ts). */
import type { Command } from '../command.ts';
import { build } from './build.ts';
import { importCommand } from './import.ts';
import { preview } from './preview.ts';
import { report } from './report.ts';
import { validate } from './validate.ts';

export const COMMANDS: readonly Command[] = [validate, report, importCommand, build, preview];
