import { describe, expect, it } from 'vitest';
import { copyOrder, type CopiedTable } from './store-copy-plan.js';

const table = (name: string, references: string[] = []): CopiedTable => ({ name, columns: [], alwaysIdentity: false, hasTriggers: false, references });

describe('copyOrder', () => {
  it('puts every table after the tables its foreign keys name, otherwise by name', () => {
    const order = copyOrder([table('user_session', ['staff_user']), table('api_key', ['api_key', 'staff_user']), table('staff_user'), table('alert')]);
    expect(order.map((t) => t.name)).toEqual(['alert', 'staff_user', 'api_key', 'user_session']);
  });

  it('follows chains of references whatever order the tables come in', () => {
    const order = copyOrder([table('c', ['b']), table('b', ['a']), table('a')]);
    expect(order.map((t) => t.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses foreign keys that form a cycle between tables', () => {
    expect(() => copyOrder([table('a', ['b']), table('b', ['a'])])).toThrow(/cycle/);
  });
});
