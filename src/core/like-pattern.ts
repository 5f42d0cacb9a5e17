/** A LIKE pattern matching the text literally: %, _ and \ in input are not wildcards. */
export function likePattern(text: string, mode: 'contains' | 'starts_with'): string {
  const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
  return mode === 'contains' ? `%${escaped}%` : `${escaped}%`;
}
