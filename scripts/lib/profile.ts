/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of `keel validate` and says where the time went:
 * by phase (startup and imports, loading content, the cross-file rules, the rest) and, within
 * loading, by what did the work (YAML parsers, Zod, the MDX parser, the lint's unified stack, the file system, Keel's
 * own code). Phases come from the call stack, so they survive changes to validate.ts: a sample
 * under `loadContent` is loading, one under `guardIndexRule` is a cross-file rule.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Profiled wall time, ms. */
  totalMs: number;
  phases: [string, number][];
  /** Within loading, by the module that did the work. */
  load: [string, number][];
  /** Heaviest functions by self time, anywhere. */
  top: [string, number][];
}

/** Where a leaf frame's code lives: a package, a Keel source file, or a runtime builtin. */
function moduleOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url.includes('/node_modules/')) {
    const parts = url.split('/node_modules/').pop()!.split('/');
    const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    if (name === 'js-yaml') return 'js-yaml';
    if (name === 'yaml') return 'yaml';
    if (name === 'zod') return 'zod';
    if (/^(micromark|mdast|@mdx-js|remark|acorn|estree|hast|decode-named|character-|parse-entities)/.test(name)) return 'mdx parser (micromark, acorn, …)';
    // The lint's stack: on the main thread of a large folder, all of unified's work is the lint's (MDX is parsed on a worker).
    if (/^(unified|unist|vfile|trough|retext|nlcst|parse-latin|parse-english|array-iterate|bail|devlop)/.test(name)) return 'unified, retext (the lint)';
    return name;
  }
  if (url.includes('/src/')) return `src/${url.split('/src/').pop()}`;
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (/^(readFileUtf8|readdir|lstat|stat|open|read|close)/.test(functionName) || url === 'node:fs') return 'file system';
  return url ? 'node internals' : `(${shortName(functionName) || 'native'})`;
}

/** A regular expression's frame is named by its whole source (the lint's runs to kilobytes): its start stands for it. */
function shortName(name: string): string {
  return name.length > 80 ? `${name.slice(0, 77)}…` : name;
}

export function summarizeProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const phaseOf = (id: number): string => {
    let phase = 'startup, imports and the rest';
    for (let q: number | undefined = id; q !== undefined; q = parent.get(q)) {
      const frame = byId.get(q)!.callFrame;
      // Each index rule runs under guardIndexRule (src/rules/guard.ts); body rules and the lint run as files load.
      if (frame.functionName === 'guardIndexRule') phase = 'cross-file rules';
      else if (frame.functionName === 'loadContent') return 'load (read, parse, schema)';
      else if (frame.functionName === 'formatReport' || frame.functionName === 'sortDiagnostics') phase = 'sort and report';
    }
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === '(garbage collector)') return 'garbage collector (any phase)';
    if (leaf === '(idle)' || leaf === '(program)') return 'idle / program';
    return phase;
  };

  const phases = new Map<string, number>();
  const load = new Map<string, number>();
  const top = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us / 1000);
  for (const [id, us] of selfUs) {
    const phase = phaseOf(id);
    const frame = byId.get(id)!.callFrame;
    add(phases, phase, us);
    if (phase.startsWith('load')) add(load, moduleOf(frame), us);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    add(top, `${shortName(frame.functionName) || '(anonymous)'} ${where}`.trim(), us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    phases: sorted(phases),
    load: sorted(load),
    top: sorted(top).slice(0, 12),
  };
}
