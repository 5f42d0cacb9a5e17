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

/** A port in use as a person can act on: which port, and how to choose another; other errors as they came. */
export function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new AppError('SERVER_PORT_IN_USE_CONFLICT',
      `Port ${port} is in use on ${host}: another program (perhaps another Clientele server) listens there. Stop it, or start on another port: set PORT= (PORT=8080 clientele serve) or --port (clientele serve --port 8080; --port 0 takes any free one).`,
      { field: 'port', port, host });
  }
  return error;
}
