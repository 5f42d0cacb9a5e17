import { describe, expect, it } from 'vitest';
import { deletedCustomer, forgetDeletedCustomer, noteDeletedCustomer } from './deleted-customer-notice.js';

describe('the deleted customer notice', () => {
  it('holds the customer deleted last until it is shown and forgotten', () => {
    expect(deletedCustomer()).toBeNull();
    noteDeletedCustomer(12);
    expect(deletedCustomer()).toBe(12);
    expect(deletedCustomer()).toBe(12);
    forgetDeletedCustomer();
    expect(deletedCustomer()).toBeNull();
  });
});
