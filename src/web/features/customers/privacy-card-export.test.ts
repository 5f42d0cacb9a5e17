import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../api/client.js';
import { fetchSubjectExport } from './privacy-card.js';

describe('the Privacy card\'s subject access export', () => {
  afterEach(() => {
    setCsrfToken(null);
    vi.unstubAllGlobals();
  });

  it('sends the session\'s X-CSRF-Token with its GET, as the server asks of an audited export', async () => {
    const fetched: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      fetched.push({ url, init });
      return new Response(JSON.stringify({ customerId: 7 }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    setCsrfToken('token-of-this-session');
    expect(await fetchSubjectExport(7)).toEqual({ customerId: 7 });
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.url).toBe('/api/customers/7/export');
    expect(fetched[0]!.init.method).toBe('GET');
    expect(fetched[0]!.init.headers).toMatchObject({ 'x-csrf-token': 'token-of-this-session' });
    expect(fetched[0]!.init.credentials).toBe('same-origin');
  });
});
