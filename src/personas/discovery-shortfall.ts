/**
 * Why a persona discovery cannot run on a store, and what would let it: said the same way before
 * a discovery is tried (`clientele personas list`) and when it is refused (PERSONA_TOO_FEW_CUSTOMERS),
 * so neither points at a step that can only fail. A store of buyers none of whom agreed to profiling
 * (a bundled data set records no consent) needs consent, not more data; a store of customers
 * without orders needs orders, not consent.
 */
export type BuyerCounts = { minimumBuyers: number; buyers: number; withoutConsent: number };

const count = (n: number) => n.toLocaleString('en');
const buyersOf = (n: number) => `${count(n)} buyer${n === 1 ? '' : 's'}`;

/** null when the store has enough buyers who agreed to profiling. */
export function discoveryShortfall(counts: BuyerCounts): string | null {
  const { minimumBuyers, buyers, withoutConsent } = counts;
  if (buyers >= minimumBuyers) return null;
  // customers without a single order (a customers file alone) are no one's buyers: consent cannot help
  if (buyers === 0 && withoutConsent === 0) {
    return `Persona discovery needs at least ${count(minimumBuyers)} buyers who agreed to profiling; this store has no buyers yet: `
      + 'personas group buyers by what they buy and how, so they need orders. Import the store\'s orders first (`clientele import orders <file>`).';
  }
  const leftOut = withoutConsent > 0 ? ` (and ${count(withoutConsent)} more who have not agreed to profiling)` : '';
  return `Persona discovery needs at least ${count(minimumBuyers)} buyers who agreed to profiling; this store has ${count(buyers)}${leftOut}. ${remedy(counts)}`;
}

function remedy({ minimumBuyers, buyers, withoutConsent }: BuyerCounts): string {
  const missing = minimumBuyers - buyers;
  const only = 'Only buyers whose consent_profiling is yes are placed in personas';
  // nobody agreed at all: most likely a file with no consent column, as every bundled public data set is
  const noneAgreed = buyers === 0
    ? ' None of this store\'s buyers has agreed: a customers file without a consent_profiling column records no consent, and the bundled public data sets (CDNOW and the other demo data sets) carry none.'
    : '';
  if (withoutConsent >= missing) return `${only}: the recorded consent of ${count(missing)} of the ${buyersOf(withoutConsent)} who have not agreed would let it run.${noneAgreed}`;
  if (withoutConsent > 0) return `${only}: even with the recorded consent of all ${buyersOf(withoutConsent)} who have not agreed, it needs ${count(missing - withoutConsent)} more buyers who agree.${noneAgreed}`;
  return `It needs ${count(missing)} more ${missing === 1 ? 'buyer who agrees' : 'buyers who agree'} to profiling (consent_profiling yes).`;
}
