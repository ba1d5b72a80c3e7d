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
let stack: Stack | undefined;

/** The stack, loaded the first time it is asked for. */
export function unifiedStack(): Stack {
  stack ??= {
    unified: (load('unified') as { unified: typeof unified }).unified,
    remarkParse: (load('remark-parse') as { default: typeof remarkParse }).default,
    remarkRetext: (load('remark-retext') as { default: typeof remarkRetext }).default,
    retextEnglish: (load('retext-english') as { default: typeof retextEnglish }).default,
    ParseEnglish: (load('parse-english') as { ParseEnglish: typeof ParseEnglish }).ParseEnglish,
    VFile: (load('vfile') as { VFile: typeof VFile }).VFile,
    search: (load('nlcst-search') as { search: typeof search }).search,
    nlcstToString: (load('nlcst-to-string') as { toString: typeof toString }).toString,
    visit: (load('unist-util-visit') as { visit: typeof visit }).visit,
  };
  return stack;
}

let mdx: typeof remarkMdx | undefined;

/** remark-mdx (about fifty modules of its own), loaded the first time an MDX body is parsed. */
export function remarkMdxPlugin(): typeof remarkMdx {
  return (mdx ??= (load('remark-mdx') as { default: typeof remarkMdx }).default);
}
