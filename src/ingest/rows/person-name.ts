import type { FieldValues } from './row-problem.js';

/**
 * The name to store for a person: the whole-name field when the row fills it, else the first
 * and last name fields joined ("Jānis" + "Bērziņš" → "Jānis Bērziņš"), either alone when only
 * one is filled. Many exports split names (Shopify's customers, WooCommerce's billing_first_name
 * and billing_last_name): read as the whole name, the surname would be lost and searching by it
 * would find no one. The whole name wins when both are given: it is what the source itself
 * shows, and parts joined by a space could differ from it ("Bērziņš, Jānis").
 */
export function personName(values: FieldValues, fields: { name: string; first: string; last: string }): string | null {
  const whole = values.text(fields.name);
  if (whole !== null) return whole;
  const parts = [values.text(fields.first), values.text(fields.last)].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : parts.join(' ');
}
