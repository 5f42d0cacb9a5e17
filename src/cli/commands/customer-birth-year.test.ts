import { expect, it } from 'vitest';
import { customerBodyOf } from './customer-options.js';

it('refuses a --birth-year after this year, as the API and the import do', () => {
  const next = new Date().getUTCFullYear() + 1;
  expect(() => customerBodyOf({ birthYear: String(next), identity: [] })).toThrow(`--birth-year: ${next} is after this year (${next - 1})`);
  expect(customerBodyOf({ birthYear: String(next - 1), identity: [] })).toEqual({ birthYear: next - 1 });
});
