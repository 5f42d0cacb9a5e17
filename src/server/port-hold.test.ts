import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { holdPort, listenError } from './port-hold.js';

const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error('holdPort took the port'); }, (error: unknown) => error);

describe('holdPort', () => {
  it('names a port in use and how to choose another', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, () => resolve((blocker.address() as { port: number }).port)));
    try {
      const error = await refusal(holdPort(port, '127.0.0.1'));
      expect(error).toMatchObject({ code: 'SERVER_PORT_IN_USE_CONFLICT', details: { field: 'port', port } });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('names a host that is not an address of this machine, and which to use instead', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a machine's own address
    const error = await refusal(holdPort(3999, '192.0.2.1'));
    expect(error).toMatchObject({ code: 'SERVER_HOST_INVALID', details: { field: 'host', host: '192.0.2.1' } });
    expect((error as Error).message).toContain('192.0.2.1 is not an address of this machine');
    expect((error as Error).message).toContain('--host');
  });

  it('names a host name that resolves to nothing', async () => {
    const error = await refusal(holdPort(3999, 'no-such-host.invalid'));
    expect(error).toMatchObject({ code: 'SERVER_HOST_INVALID', details: { field: 'host', host: 'no-such-host.invalid' } });
  });
});

describe('listenError', () => {
  // a privileged port cannot be refused in a test run as root: the system's own error, as Node gives it
  it('says a port below 1024 is kept for privileged programs, and what to do', () => {
    const error = listenError(Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES' }), 80, '0.0.0.0');
    expect(error).toMatchObject({ code: 'SERVER_PORT_NOT_PERMITTED', details: { field: 'port', port: 80 } });
    expect((error as Error).message).toMatch(/reverse proxy.*--port/);
  });

  it('passes other errors on as they came', () => {
    const other = Object.assign(new Error('listen EMFILE'), { code: 'EMFILE' });
    expect(listenError(other, 3000, '127.0.0.1')).toBe(other);
  });
});
