/**
 * The unified stack (remark, remark-retext, the English parser, vfile, nlcst tools), loaded on
 * first use: most runs of `keel validate` parse no body at all (the scans and filters answer),
 * and loading the stack costs more than a tenth of a second. Node's require() loads these ES
 * modules synchronously (they have no top-level await), so the checks stay synchronous.
 */
import { createRequire } from 'node:module';
import type { search } from 'nlcst-search';
import type { toString } from 'nlcst-to-string';
import type { ParseEnglish } from 'parse-english';
import type remarkMdx from 'remark-mdx';
import type remarkParse from 'remark-parse';
import type remarkRetext from 'remark-retext';
import type retextEnglish from 'retext-english';
import type { unified } from 'unified';
import type { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export interface Stack {
  unified: typeof unified;
  remarkParse: typeof remarkParse;
  remarkRetext: typeof remarkRetext;
  retextEnglish: typeof retextEnglish;
  ParseEnglish: typeof ParseEnglish;
  VFile: typeof VFile;
  search: typeof search;
  nlcstToString: typeof toString;
  visit: typeof visit;
}

const load = createRequire(import.meta.url);

/** A module's export, required the first time it is read. */
function lazy<T>(id: string, pick: (module: never) => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = pick(load(id) as never);
      loaded = true;
    }
    return value as T;
  };
}

const modules = {
  unified: lazy('unified', (m: { unified: typeof unified }) => m.unified),
  remarkParse: lazy('remark-parse', (m: { default: typeof remarkParse }) => m.default),
  remarkRetext: lazy('remark-retext', (m: { default: typeof remarkRetext }) => m.default),
  retextEnglish: lazy('retext-english', (m: { default: typeof retextEnglish }) => m.default),
  ParseEnglish: lazy('parse-english', (m: { ParseEnglish: typeof ParseEnglish }) => m.ParseEnglish),
  VFile: lazy('vfile', (m: { VFile: typeof VFile }) => m.VFile),
  search: lazy('nlcst-search', (m: { search: typeof search }) => m.search),
  nlcstToString: lazy('nlcst-to-string', (m: { toString: typeof toString }) => m.toString),
  visit: lazy('unist-util-visit', (m: { visit: typeof visit }) => m.visit),
};

/**
 * The stack: each module is loaded the first time it is read (`const { unified } = unifiedStack()`
 * loads unified only), so a run that lints only front-matter texts never loads the Markdown parser.
 */
const stack: Stack = {
  get unified() {
    return modules.unified();
  },
  get remarkParse() {
    return modules.remarkParse();
  },
  get remarkRetext() {
    return modules.remarkRetext();
  },
  get retextEnglish() {
    return modules.retextEnglish();
  },
  get ParseEnglish() {
    return modules.ParseEnglish();
  },
  get VFile() {
    return modules.VFile();
  },
  get search() {
    return modules.search();
  },
  get nlcstToString() {
    return modules.nlcstToString();
  },
  get visit() {
    return modules.visit();
  },
};

/** The stack, each module loaded the first time it is asked for. */
export function unifiedStack(): Stack {
  return stack;
}

let mdx: typeof remarkMdx | undefined;

/** remark-mdx (about fifty modules of its own), loaded the first time an MDX body is parsed. */
export function remarkMdxPlugin(): typeof remarkMdx {
  return (mdx ??= (load('remark-mdx') as { default: typeof remarkMdx }).default);
}
