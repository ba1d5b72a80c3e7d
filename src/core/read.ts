/**
 * Reads a content file with bounds: opened without following a final symbolic link and without
 * blocking (a named pipe cannot hang the run), refused unless it is a regular file, and never
 * more than `maxBytes` read (a device or a growing file cannot grow memory).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { specialType, type SpecialType } from './walk.ts';

export type ReadResult =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: 'special'; type: SpecialType } | { ok: false; reason: 'tooLarge'; size: number };

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file of at most `maxBytes`; errors (permissions, gone) are thrown.
 * `follow`: a final symbolic link is followed (a file named on the command line, not found by a walk).
 * `scratch`: a buffer to read into when the file fits (the bytes returned are then a view of it,
 * valid until the next read into it): a folder of 10,000 files allocates no buffer per file.
 */
export function readBounded(path: string, maxBytes: number, { follow = false, scratch }: { follow?: boolean; scratch?: Buffer } = {}): ReadResult {
  const fd = openSync(path, follow ? FLAGS & ~(constants.O_NOFOLLOW ?? 0) : FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'special', type: specialType(stat) };
    if (stat.size > maxBytes) return { ok: false, reason: 'tooLarge', size: stat.size };
    // The size may lie (kernel files say 0, a file may grow): read at most one byte too many.
    // One byte more than the size says, so a single read finds the end (a 64 KiB buffer per file
    // would cost the garbage collector a gigabyte on a large folder).
    const want = Math.min(maxBytes + 1, stat.size > 0 ? stat.size + 1 : 4096);
    let chunk = scratch && scratch.length >= want ? scratch.subarray(0, want) : Buffer.allocUnsafe(want);
    let length = 0;
    for (;;) {
      if (length === chunk.length) {
        if (length > maxBytes) break;
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, chunk.length * 2));
        chunk.copy(bigger, 0, 0, length);
        chunk = bigger;
      }
      const read = readSync(fd, chunk, length, chunk.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { ok: false, reason: 'tooLarge', size: length };
    return { ok: true, bytes: chunk.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** A problem with the bytes of a text file: where it is (1-based, columns in characters). */
export interface EncodingProblem {
  kind: 'nul' | 'invalid';
  line: number;
  column: number;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * The text of a UTF-8 file without its byte-order mark, and the first NUL byte and the first
 * byte that is not UTF-8, if any (each is replaced by U+FFFD in the text, so that parsers do not
 * report them again).
 */
export function decodeText(bytes: Uint8Array): { text: string; problems: EncodingProblem[] } {
  let text: string;
  let invalid = false;
  try {
    text = strict.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    invalid = true;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A lone CR ends a line in editors (old Mac files, mixed endings); the parsers count LF only.
  // One character for one keeps every offset.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const problems: EncodingProblem[] = [];
  const nul = text.indexOf('\u0000');
  const bad = invalid ? text.indexOf('\ufffd') : -1;
  // A U+FFFD written as such is valid UTF-8: find the first one that replaced bad bytes.
  const firstInvalid = bad < 0 ? -1 : firstReplacement(bytes, bad);
  if (nul >= 0) problems.push({ kind: 'nul', ...positionOf(text, nul) });
  if (firstInvalid >= 0) problems.push({ kind: 'invalid', ...positionOf(text, firstInvalid) });
  if (nul >= 0) text = text.replaceAll('\u0000', '\ufffd');
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { text, problems };
}

/** Index in `text` of the first U+FFFD that stands for bytes that were not UTF-8. */
function firstReplacement(bytes: Uint8Array, from: number): number {
  const offset = firstInvalidByte(bytes);
  if (offset < 0) return from;
  const prefix = lenient.decode(bytes.subarray(0, offset));
  return prefix.charCodeAt(0) === 0xfeff ? prefix.length - 1 : prefix.length;
}

/** Offset of the first byte that starts no valid UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** 1-based line and column of a character index; CR, LF and CRLF each end a line. */
export function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
