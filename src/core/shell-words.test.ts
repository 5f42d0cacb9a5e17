import { describe, expect, it } from 'vitest';
import { redactPassword } from '../db/client.js';
import { storeShown } from './shell-words.js';

describe('a store location as it is shown', () => {
  it('hides a password in the user part, up to its last @, or in a password query parameter', () => {
    expect(storeShown('postgres://shop:s3cret@db:5432/shop')).toBe('postgres://shop:***@db:5432/shop');
    expect(storeShown('postgres://u:p@ss@db/shop')).toBe('postgres://u:***@db/shop');
    expect(storeShown('postgres://shop@db/shop?password=s3cret&sslmode=require')).toBe('postgres://shop@db/shop?password=***&sslmode=require');
    expect(storeShown('postgresql://u@h/db?sslpassword=x')).toBe('postgresql://u@h/db?sslpassword=***');
  });

  it('hides it in a URL that URL parsing refuses', () => {
    expect(storeShown('postgres:/user:secret@host/db')).toBe('postgres:/user:***@host/db');
    expect(storeShown('postgresql://u:pw@/db?host=/run')).toBe('postgresql://u:***@/db?host=/run');
  });

  it('leaves a URL without a password, a port and a directory as they are', () => {
    for (const location of ['postgres://db:5432/shop', 'postgres://u@db:5432/shop?sslmode=require', './Klienti 2026', '/srv/a:b@c']) expect(storeShown(location)).toBe(location);
  });

  it('is the one rule the store handle and copy-store use too', () => {
    for (const location of ['postgres://shop@db/shop?password=s3cret', 'postgres://u:p@ss@db', 'postgres:/user:secret@host/db']) expect(redactPassword(location)).toBe(storeShown(location));
    expect(redactPassword('postgres://shop@db/shop?password=s3cret')).not.toContain('s3cret');
  });
});
