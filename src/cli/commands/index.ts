/** The table of `keel` commands; the usage text is generated from it (src/cli/usage.ts). */
import type { Command } from '../command.ts';
import { build } from './build.ts';
import { dev } from './dev.ts';
import { importCommand } from './import.ts';
import { newCommand } from './new.ts';
import { policy } from './policy.ts';
import { preview } from './preview.ts';
import { pull } from './pull.ts';
import { report } from './report.ts';
import { rules } from './rules.ts';
import { validate } from './validate.ts';

export const COMMANDS: readonly Command[] = [validate, newCommand, report, policy, importCommand, pull, rules, build, dev, preview];
