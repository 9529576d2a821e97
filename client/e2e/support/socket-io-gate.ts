import net from 'node:net';

// A relay to the server that drops every connection as soon as it asks for /socket.io/: the page
// loads, but its live socket never connects, as behind a hostile network. The server's proxy
// (server/src/ops/tcp-proxy.ts) relays whole connections without looking at their bytes, so this
// one e2e case keeps its own small filter.
const SOCKET_IO_REQUEST = /^[A-Z]+ \/socket\.io\//;

export interface SocketIoGate {
  url: string;
  close(): Promise<void>;
}

export async function startSocketIoGate(targetPort: number): Promise<SocketIoGate> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    // Every request is checked, not only the first: a kept-alive connection could carry one later.
    client.on('data', (chunk: Buffer) => {
      if (SOCKET_IO_REQUEST.test(chunk.subarray(0, 32).toString('latin1'))) client.destroy();
      else upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
