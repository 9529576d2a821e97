import net from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** Destroys every open connection (the browser's WebSocket included) and refuses new ones. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /** Drops every new connection whose first request is for /socket.io/, as a hostile network would. */
  blockSocketIo(block: boolean): void;
  close(): Promise<void>;
}

/**
 * A plain TCP relay in front of the server. Cutting it drops the page's live socket for real,
 * which Playwright's setOffline cannot do to an open WebSocket.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let refusing = false;
  let socketIoBlocked = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    if (socketIoBlocked) {
      client.once('data', (first: Buffer) => {
        if (first.subarray(0, 32).toString('latin1').includes(' /socket.io/')) return void client.destroy();
        relay(client, first);
      });
      return;
    }
    relay(client, null);
  });
  const relay = (client: net.Socket, first: Buffer | null) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    if (first) upstream.write(first);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
    blockSocketIo(block) {
      socketIoBlocked = block;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
