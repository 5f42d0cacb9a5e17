type Named = { customer_id: number; name: string | null; email: string | null; phone?: string | null };

/** Leads often have no name yet: fall back to how we can reach them, then to the number. */
export function customerLabel(customer: Named, t: (key: string, variables?: Record<string, string | number>) => string): string {
  return customer.name ?? customer.email ?? customer.phone ?? t('customers.unnamed', { id: customer.customer_id });
}
