const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const openSquare = 0x5b;
const closeSquare = 0x5d;
const openCurly = 0x7b;
const closeCurly = 0x7d;

/**
 * The path to the first array or object in JSON text that holds anything while nested
 * `maxDepth` or more levels deep (the root is level 0), or null if none: the place the walk in
 * edge-input.ts would name on the parsed value, found before parsing. JSON.parse spends seconds
 * on a body of a few megabytes of `[`, all of it to be refused; one pass over the text costs
 * milliseconds. Brackets inside strings are skipped (escapes included); the text is not
 * otherwise checked, which JSON.parse still does for anything this lets through. Keys are
 * reported as written in the text: in an object with number-like keys, which JavaScript orders
 * first, or with a key written twice, the place named may differ from the walk's.
 */
export function pathNestedTooDeep(text: string, maxDepth: number): string[] | null {
  // one entry per open array or object: whether it is an array, its current item's index, and
  // where its current key's string literal starts and ends (decoded only for a refusal)
  const isArray: boolean[] = [];
  const index: number[] = [];
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  let expectsKey = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue;
    const open = isArray.length;
    if (open > maxDepth && code !== closeSquare && code !== closeCurly) return pathOf(text, { isArray, index, keyStart, keyEnd });
    if (code === quote) {
      const start = at;
      for (at++; at < text.length; at++) {
        const inString = text.charCodeAt(at);
        if (inString === backslash) at++;
        else if (inString === quote) break;
      }
      if (expectsKey) {
        keyStart[open - 1] = start;
        keyEnd[open - 1] = at + 1;
        expectsKey = false;
      }
    } else if (code === openSquare || code === openCurly) {
      isArray.push(code === openSquare);
      index.push(0);
      keyStart.push(-1);
      keyEnd.push(-1);
      expectsKey = code === openCurly;
    } else if (code === closeSquare || code === closeCurly) {
      isArray.pop();
      index.pop();
      keyStart.pop();
      keyEnd.pop();
      expectsKey = false;
    } else if (code === comma && open > 0) {
      if (isArray[open - 1]) index[open - 1]++;
      else expectsKey = true;
    }
  }
  return null;
}

type OpenContainers = { isArray: boolean[]; index: number[]; keyStart: number[]; keyEnd: number[] };

// the keys and indexes leading to the innermost open container
function pathOf(text: string, open: OpenContainers): string[] {
  const path: string[] = [];
  for (let level = 0; level < open.isArray.length - 1; level++) {
    path.push(open.isArray[level] ? String(open.index[level]) : keyOf(text, open.keyStart[level], open.keyEnd[level]));
  }
  return path;
}

function keyOf(text: string, start: number, end: number): string {
  if (start < 0) return '';
  const literal = text.slice(start, end);
  try {
    return JSON.parse(literal) as string;
  } catch {
    // not valid JSON text anyway; name the key as written
    return literal.slice(1, -1);
  }
}
