import { createServer } from 'node:net';
import { AppError } from '../core/errors.js';

/**
 * The port a server is to listen on, taken early and given back just before the server listens
 * (start-server.ts), so that a port in use stops the start before anything is created. Port 0
 * (any free port) needs no holding.
 */
export async function holdPort(port: number, host: string): Promise<{ release: () => Promise<void> }> {
  if (port === 0) return { release: async () => undefined };
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => resolve());
  });
  let isReleased = false;
  return {
    release: async () => {
      if (isReleased) return;
      isReleased = true;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    },
  };
}

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
