// A TCP relay in front of one or more replicas, as a load balancer would be: for `npm run start:cluster` and
// the fault tests. New connections go round-robin to the replicas that accept them, or, when sticky, to the
// replica this client address used last (Socket.IO's polling transport needs that). Cutting it drops live
// WebSockets for real (a browser's setOffline cannot).
import net from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** Destroys every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Stops sending new connections to this backend port (it is going away). */
  remove(backendPort: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  backendPorts: number[],
  options: { port?: number; host?: string; sticky?: boolean } = {},
): Promise<TcpProxy> {
  const backends = [...backendPorts];
  const open = new Set<net.Socket>();
  const pinned = new Map<string, number>();
  let refusing = false;
  let next = 0;

  const connectUpstream = (client: net.Socket, attempt: number, onReady: (socket: net.Socket) => void, onFail: () => void) => {
    if (backends.length === 0 || attempt >= backends.length) return onFail();
    const key = client.remoteAddress ?? '';
    const preferred = options.sticky && attempt === 0 ? pinned.get(key) : undefined;
    const port = preferred !== undefined && backends.includes(preferred) ? preferred : backends[next++ % backends.length]!;
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      if (options.sticky) pinned.set(key, port);
      onReady(upstream);
    });
    upstream.once('error', () => {
      if (!connected) connectUpstream(client, attempt + 1, onReady, onFail); // that replica is down: try the next
    });
  };

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (refusing) return void client.destroy();
    client.pause();
    connectUpstream(
      client,
      0,
      (upstream) => {
        for (const socket of [client, upstream]) {
          open.add(socket);
          socket.on('close', () => open.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cut() {
      refusing = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    remove(backendPort) {
      const index = backends.indexOf(backendPort);
      if (index >= 0) backends.splice(index, 1);
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
