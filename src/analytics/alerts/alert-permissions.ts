/**
 * The permission acknowledging (or reopening) an alert of `kind` needs: a customer overdue against
 * their own rhythm is for whoever serves customers (agents call them back), a drop in the store's
 * figures for those who shape analytics. No imports: the web app decides its buttons by it too.
 */
export function permissionToSettle(kind: string): 'customers:write' | 'analytics:write' {
  return kind === 'customer_overdue' ? 'customers:write' : 'analytics:write';
}
