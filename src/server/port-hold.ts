import { createServer, type Socket } from 'node:net';
import { AppError } from '../core/errors.js';

/**
 * The port a server is to listen on, taken early and given back just before the server listens
 * (start-server.ts), so that a port in use stops the start before anything is created. Port 0
 * (any free port) needs no holding.
 *
 * While held, whoever connects (a browser tab left open on the port, `curl /api/health`) is told
 * at once that the server is starting (503 with Retry-After) and the connection is ended: a
 * connection kept open would keep `close()` waiting, and the server would never listen.
 */
export async function holdPort(port: number, host: string): Promise<{ release: () => Promise<void> }> {
  if (port === 0) return { release: async () => undefined };
  const sockets = new Set<Socket>();
  const probe = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // a client that connects and never writes (a browser's pre-opened connection) is ended all the same
    socket.setTimeout(startingTimeoutMillis, () => socket.destroy());
    // answered once the request has begun to arrive, so the client reads the answer rather than a reset
    socket.once('data', () => {
      socket.end(startingResponse);
      // a client that keeps its side open after the answer is not waited for
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  });
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => resolve());
  });
  let isReleased = false;
  return {
    release: async () => {
      if (isReleased) return;
      isReleased = true;
      const closed = new Promise<void>((resolve) => probe.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
  };
}

const startingTimeoutMillis = 5_000;
const startingBody = JSON.stringify({ error: { code: 'SERVER_STARTING_UNAVAILABLE', message: 'Clientele is starting: retry in a few seconds.' } });
const startingResponse = [
  'HTTP/1.1 503 Service Unavailable',
  'Content-Type: application/json; charset=utf-8',
  `Content-Length: ${Buffer.byteLength(startingBody)}`,
  'Retry-After: 5',
  'Cache-Control: no-store',
  'Connection: close',
  '',
  startingBody,
].join('\r\n');

/**
 * Why a server cannot listen, as a person can act on: a port in use, a port the system keeps for
 * privileged programs, a host that is not one of this machine's addresses or not a name at all.
 * Other errors as they came.
 */
export function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as { code?: string } | null)?.code;
  const otherPort = 'start on another port: set PORT= (PORT=8080 clientele serve) or --port (clientele serve --port 8080; --port 0 takes any free one)';
  if (code === 'EADDRINUSE') {
    return new AppError('SERVER_PORT_IN_USE_CONFLICT',
      `Port ${port} is in use on ${host}: another program (perhaps another Clientele server) listens there. Stop it, or ${otherPort}.`,
      { field: 'port', port, host });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('SERVER_PORT_NOT_PERMITTED',
      `This user may not listen on port ${port} on ${host}: ports below 1024 are kept for privileged programs. Put a reverse proxy (nginx, Caddy) in front on that port, or ${otherPort}.`,
      { field: 'port', port, host });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('SERVER_HOST_INVALID',
      `${host} is not an address of this machine, so the server cannot listen on it. Use one of its own addresses, 127.0.0.1 for this machine only or 0.0.0.0 for every network: set HOST= or --host (clientele serve --host 0.0.0.0).`,
      { field: 'host', port, host });
  }
  return error;
}
