/**
 * What a customer search tries against the indexed identities: the id as typed,
 * in upper and in lower case, and the same without spaces and dashes, since an
 * agent reads a card number out as "lc 1473-828536" and the index finds only an
 * exact value. Each is one more probe of the same index, never a scan.
 */
export function externalIdVariants(text: string): string[] {
  const compact = text.replace(/[\s-]+/g, '');
  return distinctNonEmpty([text, text.toUpperCase(), text.toLowerCase(), compact, compact.toUpperCase(), compact.toLowerCase()]);
}

/** An order's external id as typed, and in upper and in lower case: order ids are exact, dashes and all. */
export function orderIdVariants(text: string): string[] {
  return distinctNonEmpty([text, text.toUpperCase(), text.toLowerCase()]);
}

/** The customer number Clientele shows ("No. 1042", "#1042" or "1042"). */
const customerNumberPattern = /^(?:#|(?:no|nr)\.?\s*)?(\d{1,15})$/i;

/** The customer number the search text names, or null when it names none. */
export function customerNumberOf(text: string): string | null {
  return customerNumberPattern.exec(text.trim())?.[1] ?? null;
}

const distinctNonEmpty = (values: string[]) => [...new Set(values)].filter((value) => value.length > 0);
