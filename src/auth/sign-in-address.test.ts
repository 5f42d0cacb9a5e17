import { describe, expect, it } from 'vitest';
import { signInAddressOf } from './sign-in-address.js';

describe('signInAddressOf', () => {
  it.each([
    ['an IPv4 address stays itself', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address is its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped address written in hex is too', '::ffff:cb00:7107', '203.0.113.7'],
    ['an IPv6 address is its /64', '2001:db8:0:1:aaaa:bbbb:cccc:dddd', '2001:db8:0:1::/64'],
    ['another address in that /64 is the same', '2001:0DB8:0000:0001::9', '2001:db8:0:1::/64'],
    ['the next /64 is another', '2001:db8:0:2::9', '2001:db8:0:2::/64'],
    ['a short form keeps its zeros', '2001:db8::1', '2001:db8:0:0::/64'],
    ['the loopback is the zero /64', '::1', '0:0:0:0::/64'],
    ['a zone index is dropped', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['a dotted tail inside the /64 does not matter', '64:ff9b:1:2::192.0.2.1', '64:ff9b:1:2::/64'],
    ['what is not an address is left as it is', 'unknown', 'unknown'],
  ])('%s', (_case, ip, expected) => {
    expect(signInAddressOf(ip)).toBe(expected);
  });
});
