import { describe, expect, it } from 'vitest';
import { missingRequirements, requirementOf, requirementsOf } from './field-requirements.js';

describe('the fields an import needs, as the importer judges them', () => {
  it.each([
    ['customers', [['customer_id', 'email', 'phone', 'external_id.']]],
    ['orders', [['order_id'], ['ordered_at'], ['customer_id', 'customer_email', 'customer_phone'], ['amount', 'unit_price']]],
    ['lines', [['order_id'], ['unit_price']]],
    ['products', [['sku']]],
    ['events', [['kind'], ['occurred_at'], ['customer_id', 'customer_email', 'customer_phone']]],
  ] as const)('lists for %s each requirement with the fields that can meet it', (entity, expected) => {
    expect(requirementsOf(entity).map((requirement) => requirement.fields)).toEqual(expected);
  });

  it('finds the requirement a field is part of, also for a family\'s field, and none for an optional field', () => {
    expect(requirementOf('orders', 'customer_email')?.fields).toEqual(['customer_id', 'customer_email', 'customer_phone']);
    expect(requirementOf('customers', 'external_id.loyalty_card')?.fields).toContain('external_id.');
    expect(requirementOf('orders', 'currency')).toBeNull();
    expect(requirementOf('customers', 'attribute.education')).toBeNull();
  });

  it('says what a mapping still lacks, and nothing once one of the alternatives is mapped', () => {
    expect(missingRequirements('orders', { order_id: 'Order ID', ordered_at: 'Date', customer_email: 'Email' }).map((requirement) => requirement.fields)).toEqual([['amount', 'unit_price']]);
    expect(missingRequirements('orders', { order_id: 'Order ID', ordered_at: 'Date', customer_email: 'Email', unit_price: 'Price' })).toEqual([]);
    expect(missingRequirements('customers', { 'external_id.loyalty_card': 'external_id.loyalty_card' })).toEqual([]);
    expect(missingRequirements('events', {}).length).toBe(3);
  });
});
