/**
 * The words of a customer search, as a PostgreSQL text-search query for
 * `to_tsquery('simple', …)`: every word must begin some word of the name
 * ("gun" finds "Joko Gunawan", "sinar tbk" finds "PT Sinar Harapan 708, Tbk").
 * Null when the text has no word (only punctuation or spaces).
 *
 * Words are the runs of letters, digits and combining marks; everything else
 * separates them, as the text-search parser separates the words of a name
 * ("joko.gunawan" → joko, gunawan; "mary-jane" → mary, jane), except
 * apostrophes, which are dropped: "o'brien" and "obrien" both look for
 * "obrien", which the words index holds for "O'Brien" and "OBrien" alike
 * (name_search_text, db/migrations/202612140300_customer_name_search_and_sort.sql).
 * So no character a person types can reach the query as an operator (& | ! <-> : * ( )) or end a
 * quoted word: the query is built from the words alone, never from the text.
 */
export function nameWordsQuery(text: string): string | null {
  const words = text.replace(apostrophes, '').split(/[^\p{L}\p{M}\p{N}]+/u).filter((word) => word.length > 0);
  if (words.length === 0) return null;
  // quoted although a word holds no quote or backslash: the query stays well formed whatever the split lets through
  return words.map((word) => `'${word.replace(/['\\]/g, '$&$&')}':*`).join(' & ');
}

/** The apostrophes names are written with; name_search_text in the database drops the same ones. */
const apostrophes = /['’‘ʼ`´]/g;

/** Letters Unicode does not decompose into a base letter and marks: a Pole types "Lodz" for "Łódź", a Vietnamese "Dang" for "Đặng". */
const undecomposedLetters: Record<string, string> = { Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ł: 'L', ł: 'l', Ø: 'O', ø: 'o', Ŧ: 'T', ŧ: 't' };

/**
 * The text as the search compares names: decomposed, its combining marks
 * dropped and the few undecomposable letters folded ("Jānis Bērziņš" → "Janis
 * Berzins"), so a name typed with or without accents finds the same people.
 * The database's fold_accents (db/migrations/202612110800_customer_name_folded_words.sql)
 * does the same to the names, which a test checks letter by letter: a letter
 * folded on one side only would never match.
 */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[ĐđĦħıŁłØøŦŧ]/g, (letter) => undecomposedLetters[letter]);
}
