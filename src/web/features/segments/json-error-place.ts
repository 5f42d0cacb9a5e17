/**
 * Where a JSON text first breaks the grammar (RFC 8259), to say so in the user's language: the
 * browsers' JSON.parse messages are English, and not all of them name a place (V8's "Unexpected
 * token 'x', … is not valid JSON" does not). `character` is null when the text ends too early.
 */
export type JsonErrorPlace = { line: number; column: number; character: string | null };

type Scan = { text: string; at: number };

class Stop {
  constructor(readonly at: number) {}
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function skipSpace(scan: Scan): void {
  while (scan.at < scan.text.length && ' \t\n\r'.includes(scan.text[scan.at]!)) scan.at += 1;
}

function expect(scan: Scan, character: string): void {
  skipSpace(scan);
  if (scan.text[scan.at] !== character) throw new Stop(scan.at);
  scan.at += 1;
}

function readString(scan: Scan): void {
  scan.at += 1;
  for (;;) {
    const character = scan.text[scan.at];
    if (character === undefined || character < ' ') throw new Stop(scan.at);
    scan.at += 1;
    if (character === '"') return;
    if (character !== '\\') continue;
    const escaped = scan.text[scan.at];
    if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(scan.text.slice(scan.at + 1, scan.at + 5))) scan.at += 5;
    else if (escaped !== undefined && escapes.has(escaped)) scan.at += 1;
    else throw new Stop(scan.at);
  }
}

/** A list of items between `open` and `close`, separated by commas; a trailing comma stops at the closing bracket. */
function readItems(scan: Scan, close: string, readItem: () => void): void {
  scan.at += 1;
  skipSpace(scan);
  if (scan.text[scan.at] === close) return void (scan.at += 1);
  for (;;) {
    readItem();
    skipSpace(scan);
    const next = scan.text[scan.at];
    scan.at += 1;
    if (next === close) return;
    if (next !== ',') throw new Stop(scan.at - 1);
  }
}

function readValue(scan: Scan): void {
  skipSpace(scan);
  const character = scan.text[scan.at];
  if (character === '{') {
    return readItems(scan, '}', () => {
      skipSpace(scan);
      if (scan.text[scan.at] !== '"') throw new Stop(scan.at);
      readString(scan);
      expect(scan, ':');
      readValue(scan);
    });
  }
  if (character === '[') return readItems(scan, ']', () => readValue(scan));
  if (character === '"') return readString(scan);
  numberPattern.lastIndex = scan.at;
  const number = numberPattern.exec(scan.text);
  if (number) return void (scan.at += number[0].length);
  const word = ['true', 'false', 'null'].find((candidate) => scan.text.startsWith(candidate, scan.at));
  if (word) return void (scan.at += word.length);
  throw new Stop(scan.at);
}

function placeOf(text: string, offset: number): JsonErrorPlace {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const character = offset < text.length ? String.fromCodePoint(text.codePointAt(offset)!) : null;
  return { line, column, character };
}

/** The first place the text is not JSON; null when it is JSON, or nests too deep to follow (the stack runs out). */
export function jsonErrorPlace(text: string): JsonErrorPlace | null {
  const scan: Scan = { text, at: 0 };
  try {
    readValue(scan);
    skipSpace(scan);
    if (scan.at < text.length) throw new Stop(scan.at);
    return null;
  } catch (error) {
    if (error instanceof Stop) return placeOf(text, error.at);
    if (error instanceof RangeError) return null;
    throw error;
  }
}
