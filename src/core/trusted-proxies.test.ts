import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { isTrustedProxy, parseTrustedProxies } from './trusted-proxies.js';

describe('trusted proxies', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    [' 10.0.0.0/8 , 192.168.1.5 ', ['10.0.0.0/8', '192.168.1.5/32']],
    ['fd00::/8,2001:db8::7', ['fd00::/8', '2001:db8::7/128']],
    ['::ffff:192.0.2.1', ['192.0.2.1/32']],
  ])('reads %j as the ranges %j', (text, ranges) => {
    expect(parseTrustedProxies(text)).toEqual(ranges);
  });

  it.each(['10.0.0.0/33', 'proxy.internal', '10', '10.0.0.0/8/8', '192.168.1.256', 'fd00::/129', '10.0.0.0/x'])('refuses %j, naming the variable and the entry', (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(`CLIENTELE_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
  });

  it.each([
    ['127.0.0.1', [], true],
    ['127.8.9.10', [], true],
    ['::1', [], true],
    ['::ffff:127.0.0.1', [], true],
    ['198.51.100.7', [], false],
    ['10.20.30.40', ['10.0.0.0/8'], true],
    ['::ffff:10.20.30.40', ['10.0.0.0/8'], true],
    ['11.0.0.1', ['10.0.0.0/8'], false],
    ['192.168.1.5', ['192.168.1.5/32'], true],
    ['192.168.1.6', ['192.168.1.5/32'], false],
    ['fd00::1', ['fd00::/8'], true],
    ['2001:db8::1', ['fd00::/8'], false],
    ['not an address', ['10.0.0.0/8'], false],
    [undefined, [], false],
  ])('trusts %s as a proxy with %j: %s', (address, proxies, isTrusted) => {
    expect(isTrustedProxy(address, proxies)).toBe(isTrusted);
  });

  it('is a start-up error naming the variable when an entry is bad, or when TLS is off', () => {
    expect(loadConfig({ CLIENTELE_TLS: '1', CLIENTELE_TRUSTED_PROXIES: '10.0.0.0/8,192.168.1.5' }).trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.5/32']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ CLIENTELE_TLS: '1', CLIENTELE_TRUSTED_PROXIES: '10.0.0.0/8,gateway' })).toThrow(expect.objectContaining({
      code: 'CONFIG_INVALID', message: expect.stringContaining('CLIENTELE_TRUSTED_PROXIES: "gateway"'), details: { field: 'CLIENTELE_TRUSTED_PROXIES' },
    }));
    expect(() => loadConfig({ CLIENTELE_TRUSTED_PROXIES: '10.0.0.0/8' })).toThrow('CLIENTELE_TRUSTED_PROXIES is set but CLIENTELE_TLS is not');
  });
});
