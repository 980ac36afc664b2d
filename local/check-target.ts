/**
 * The local stand-in for the internet host VerifyProxy CONNECTs to (aws.amazon.com:443 in AWS):
 * a TCP server on loopback that accepts and holds connections. CONNECT succeeds once the proxy's
 * upstream TCP connection does, so accepting is all a target has to do.
 */
import net from 'node:net';

export interface CheckTarget { host: string; port: number; close(): Promise<void> }

export async function startCheckTarget(host = '127.0.0.1'): Promise<CheckTarget> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  server.unref();
  const port = (server.address() as net.AddressInfo).port;
  return {
    host,
    port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
