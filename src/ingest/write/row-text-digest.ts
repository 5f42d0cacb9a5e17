import type { RecordValues } from '../presets/preset.js';

/**
 * A digest of a row's text, every column read or not, kept for each order an import stored so that
 * a repeat in a later batch is judged as one in the same batch is (repeated-rows.ts), without
 * keeping the row: equal digests, the same text; different ones, the first column that differs.
 *
 * Layout: 8 bytes for the whole row (two 32-bit sums over its columns with a value: a column left
 * empty and one missing are the same text, and a record's keys may come in any order), 4 for the
 * column names in order, then 2 per column of its value alone, to name the column that differs.
 */
export type TextDigest = Buffer;

const wholeBytes = 8;
const layoutEnd = 12;

/** Murmur3's finaliser: every input bit reaches every output bit. */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// the two hashes of the text hashText was last given: set in place, so a row's columns allocate nothing
let hashFirst = 0;
let hashSecond = 0;

/** Two independent 32-bit hashes of a text (FNV-1a and a multiplicative one), in one pass. */
function hashText(text: string): void {
  let first = 0x811c9dc5;
  let second = 0x9747b28c;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second + code, 0x2c1b3c6d) ^ (second >>> 15);
  }
  hashFirst = mix(first);
  hashSecond = mix(second ^ text.length);
}

// column names repeat on every row of a file: hashed once each (bounded, cleared when full)
const nameHashes = new Map<string, number>();
function nameHash(name: string): number {
  let hash = nameHashes.get(name);
  if (hash === undefined) {
    if (nameHashes.size >= 4096) nameHashes.clear();
    hashText(name);
    hash = hashFirst;
    nameHashes.set(name, hash);
  }
  return hash;
}

/** The digest of a row's values as read from its file (valuesOfRow), before any preset's transform. */
export function digestRowText(values: RecordValues): TextDigest {
  const names = Object.keys(values);
  const digest = Buffer.allocUnsafe(layoutEnd + 2 * names.length);
  let [first, second, layout] = [0, 0, 0x811c9dc5];
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index];
    const named = nameHash(name);
    layout = Math.imul(layout ^ named, 0x01000193);
    const text = values[name] ?? '';
    hashText(text);
    const [a, b] = [hashFirst, hashSecond];
    if (text !== '') {
      first = (first + mix(a ^ named)) | 0;
      second = (second + mix(b + Math.imul(named, 0x27d4eb2d))) | 0;
    }
    digest.writeUInt16BE((a ^ (a >>> 16)) & 0xffff, layoutEnd + 2 * index);
  }
  digest.writeUInt32BE(first >>> 0, 0);
  digest.writeUInt32BE(second >>> 0, 4);
  digest.writeUInt32BE(mix(layout), wholeBytes);
  return digest;
}

/**
 * How a row's text compares with the earlier row a digest was taken of: the same; differing in a
 * named column (the first, in the earlier row's order, whose value differs, as a repeat in one batch
 * names it); or differing where the digest cannot tell (every differing column's 2 bytes happen to
 * agree: about one in 65,536). `hasOtherColumns`: the two rows do not give the same column names in
 * the same order (JSON Lines records with keys of their own); a column is named then only when the
 * earlier row's names can be found (see namesOfLayout), else `column` is null.
 */
export type TextComparison = { isSame: true } | { isSame: false; column: string | null; hasOtherColumns?: true };

/** The hash of column names in order (a digest's bytes 8 to 11), from `state` as folded so far. */
function foldNames(state: number, hashes: readonly number[], from = 0): number {
  let layout = state;
  for (let index = from; index < hashes.length; index += 1) layout = Math.imul(layout ^ hashes[index], 0x01000193);
  return layout;
}

/**
 * The column names of the earlier row whose layout hash is `layout`, when they are this row's with
 * one left out or one added: a JSON Lines record lacking a key the earlier one had, or having one it
 * lacked. An added name can only be one met before (a digest keeps no names): one of the names this
 * process has hashed (nameHashes), which holds every key of the file read so far but for a file of
 * thousands of distinct keys. Null when none fits.
 */
function namesOfLayout(names: readonly string[], layout: number): string[] | null {
  const hashes = names.map(nameHash);
  for (let left = 0; left < names.length; left += 1) {
    const without = [...hashes.slice(0, left), ...hashes.slice(left + 1)];
    if (mix(foldNames(0x811c9dc5, without)) === layout) return names.filter((_, index) => index !== left);
  }
  // the layout folded over this row's first names, so that a name added at `at` folds the rest alone
  const prefixes = [0x811c9dc5];
  for (const hash of hashes) prefixes.push(Math.imul(prefixes[prefixes.length - 1] ^ hash, 0x01000193));
  const present = new Set(names);
  for (const [name, hash] of nameHashes) {
    if (present.has(name)) continue;
    for (let at = 0; at <= names.length; at += 1) {
      if (mix(foldNames(Math.imul(prefixes[at] ^ hash, 0x01000193), hashes, at)) === layout) return [...names.slice(0, at), name, ...names.slice(at)];
    }
  }
  return null;
}

export function compareRowText(values: RecordValues, stored: TextDigest): TextComparison {
  const digest = digestRowText(values);
  if (digest.compare(stored, 0, wholeBytes, 0, wholeBytes) === 0) return { isSame: true };
  const names = Object.keys(values);
  // a stored digest may be padded (digestsOfBatch): the same column names give the same length
  if (stored.length >= digest.length && digest.compare(stored, wholeBytes, layoutEnd, wholeBytes, layoutEnd) === 0) {
    for (let index = 0; index < names.length; index += 1) {
      const at = layoutEnd + 2 * index;
      if (digest.readUInt16BE(at) !== stored.readUInt16BE(at)) return { isSame: false, column: names[index] };
    }
    return { isSame: false, column: null };
  }
  // other columns: a column one row lacks is the same text as one left empty, as in one batch (writtenDifference)
  const layout = stored.readUInt32BE(wholeBytes);
  const earlier = namesOfLayout(names, layout);
  if (earlier === null || stored.length < layoutEnd + 2 * earlier.length) return { isSame: false, column: null, hasOtherColumns: true };
  for (let index = 0; index < earlier.length; index += 1) {
    hashText(values[earlier[index]] ?? '');
    if (((hashFirst ^ (hashFirst >>> 16)) & 0xffff) !== stored.readUInt16BE(layoutEnd + 2 * index)) return { isSame: false, column: earlier[index], hasOtherColumns: true };
  }
  const added = names.find((name) => !earlier.includes(name) && (values[name] ?? '') !== '');
  return { isSame: false, column: added ?? null, hasOtherColumns: true };
}

/**
 * The digests of a batch's rows end to end, each `width` bytes (the longest; a shorter one, of a
 * record with fewer keys, padded with zeros): one value to send and store, rather than one per row.
 */
export function digestsOfBatch(rows: readonly RecordValues[]): { width: number; digests: Buffer } {
  const each = rows.map(digestRowText);
  const width = each.reduce((widest, digest) => Math.max(widest, digest.length), 0);
  if (each.every((digest) => digest.length === width)) return { width, digests: Buffer.concat(each, width * each.length) };
  const digests = Buffer.alloc(width * each.length);
  each.forEach((digest, index) => digest.copy(digests, index * width));
  return { width, digests };
}
