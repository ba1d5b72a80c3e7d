/**
 * A small, fast YAML emitter for generated content: block mappings and sequences, plain
 * scalars where YAML 1.2 (core schema) reads them back as the same string, quotes elsewhere.
 * Keys whose value is undefined are left out, as an author would leave the field out.
 */

export type YamlValue = string | number | boolean | null | undefined | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** Strings the YAML 1.2 core schema would read as something other than a string. */
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Safe plain scalars: start with a letter, digit or slash; only unremarkable characters after. */
const PLAIN = /^[A-Za-z0-9/][A-Za-z0-9 _.,;:!?'()/+=&%$@*-]*$/;

export function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !CORE_NON_STRING.test(value) && !value.endsWith(' ') && !value.endsWith(':') && !value.includes(': ') && !value.includes(' #')) {
    return value;
  }
  // Single quotes read back verbatim (only ' itself is doubled); JSON escapes the rest.
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  return JSON.stringify(value);
}

function isMap(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emitMap(map: { readonly [key: string]: YamlValue }, pad: string, out: string[]): void {
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    const k = scalar(key);
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${pad}${k}: []`);
      else {
        out.push(`${pad}${k}:`);
        emitSeq(value, `${pad}  `, out);
      }
    } else if (isMap(value)) {
      if (Object.values(value).every((v) => v === undefined)) out.push(`${pad}${k}: {}`);
      else {
        out.push(`${pad}${k}:`);
        emitMap(value, `${pad}  `, out);
      }
    } else {
      out.push(`${pad}${k}: ${scalar(value as string | number | boolean | null)}`);
    }
  }
}

function emitSeq(seq: readonly YamlValue[], pad: string, out: string[]): void {
  for (const item of seq) {
    if (item === undefined) continue;
    if (Array.isArray(item) || isMap(item)) {
      // Emit the nested block two columns in, then put the dash on its first line.
      const first = out.length;
      if (Array.isArray(item)) emitSeq(item, `${pad}  `, out);
      else emitMap(item, `${pad}  `, out);
      if (out.length === first) out.push(`${pad}- ${Array.isArray(item) ? '[]' : '{}'}`);
      else out[first] = `${pad}- ${out[first]!.slice(pad.length + 2)}`;
    } else {
      out.push(`${pad}- ${scalar(item as string | number | boolean | null)}`);
    }
  }
}

/** One YAML document for a mapping (of YamlValue), ending with a newline. */
export function toYaml(map: object): string {
  const out: string[] = [];
  emitMap(map as { readonly [key: string]: YamlValue }, '', out);
  return `${out.join('\n')}\n`;
}
