import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('an on/off variable (CLIENTELE_TLS)', () => {
  it.each(['1', 'true', 'yes', 'on', 'YES', 'On', ' True '])('reads %j as on', (value) => {
    expect(loadConfig({ CLIENTELE_TLS: value }).isBehindTls).toBe(true);
  });

  it.each(['0', 'false', 'no', 'off', 'OFF', '', undefined])('reads %j as off', (value) => {
    expect(loadConfig({ CLIENTELE_TLS: value }).isBehindTls).toBe(false);
  });

  it.each(['enabled', 'y', '2', 'tls'])('refuses %j, naming the variable and the words it takes', (value) => {
    expect(() => loadConfig({ CLIENTELE_TLS: value })).toThrow(expect.objectContaining({
      code: 'CONFIG_INVALID',
      message: `CLIENTELE_TLS must be one of 1, true, yes, on (on) or 0, false, no, off (off), in any case, got "${value}".`,
      details: { field: 'CLIENTELE_TLS' },
    }));
  });

  it('trusts proxies with CLIENTELE_TLS=yes, and says it is off rather than unset when it is', () => {
    expect(loadConfig({ CLIENTELE_TLS: 'yes', CLIENTELE_TRUSTED_PROXIES: '10.0.0.0/8' }).trustedProxies).toEqual(['10.0.0.0/8']);
    expect(() => loadConfig({ CLIENTELE_TLS: 'no', CLIENTELE_TRUSTED_PROXIES: '10.0.0.0/8' })).toThrow('CLIENTELE_TRUSTED_PROXIES is set but CLIENTELE_TLS is off ("no")');
    expect(() => loadConfig({ CLIENTELE_TRUSTED_PROXIES: '10.0.0.0/8' })).toThrow('CLIENTELE_TRUSTED_PROXIES is set but CLIENTELE_TLS is not set');
  });
});
