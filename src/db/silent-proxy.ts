import net from 'node:net';

/**
 * A TCP proxy to a PostgreSQL server, for tests of a database that stops answering: while silent it
 * accepts connections and passes nothing either way, on new connections and open ones alike, as a
 * hung host or a proxy whose backend is gone does; forwarding again, it passes everything.
 */
export type SilentProxy = { url: string; setSilent: (silent: boolean) => void; close: () => Promise<void> };

export async function startSilentProxy(serverUrl: string): Promise<SilentProxy> {
  const target = new URL(serverUrl);
  let silent = false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = net.createServer((incoming) => {
    track(incoming);
    let upstream: net.Socket | null = null;
    const pending: Buffer[] = [];
    const connectUpstream = () => {
      upstream = net.connect(Number(target.port || 5432), target.hostname);
      track(upstream);
      upstream.on('data', (chunk) => { if (!silent) incoming.write(chunk); });
      upstream.on('close', () => incoming.destroy());
      incoming.on('close', () => upstream?.destroy());
      for (const chunk of pending.splice(0)) upstream.write(chunk);
    };
    incoming.on('data', (chunk) => {
      if (silent) return;
      if (!upstream) {
        pending.push(chunk);
        connectUpstream();
      } else upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    setSilent: (value) => { silent = value; },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
