/**
 * The words of a customer search, as a PostgreSQL text-search query for
 * `to_tsquery('simple', …)`: every word must begin some word of the name
 * ("gun" finds "Joko Gunawan", "sinar tbk" finds "PT Sinar Harapan 708, Tbk").
 * Null when the text has no word (only punctuation or spaces).
 *
 * Words are the runs of letters, digits and combining marks; everything else
 * separates them, as the text-search parser separates the words of a name
 * ("joko.gunawan" → joko, gunawan; "O'Brien" → o, brien). So no character a
 * person types can reach the query as an operator (& | ! <-> : * ( )) or end a
 * quoted word: the query is built from the words alone, never from the text.
 */
export function nameWordsQuery(text: string): string | null {
  const words = text.split(/[^\p{L}\p{M}\p{N}]+/u).filter((word) => word.length > 0);
  if (words.length === 0) return null;
  // quoted although a word holds no quote or backslash: the query stays well formed whatever the split lets through
  return words.map((word) => `'${word.replace(/['\\]/g, '$&$&')}':*`).join(' & ');
}
