/**
 * The customer just deleted, for the list the customer page goes back to: "Customer No. 12 was deleted."
 * Kept here rather than in the address, so a reload or a bookmark does not say it again.
 */
let deletedCustomerId: number | null = null;

export function noteDeletedCustomer(customerId: number): void {
  deletedCustomerId = customerId;
}

/** The customer deleted last, if it has not been said yet. Reading leaves it (a render may run twice); `forgetDeletedCustomer` once shown. */
export function deletedCustomer(): number | null {
  return deletedCustomerId;
}

export function forgetDeletedCustomer(): void {
  deletedCustomerId = null;
}
