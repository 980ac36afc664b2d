/**
 * Source of the probe function that runs inside the test project VPC (inline code: no asset, no
 * bundling): an HTTP CONNECT through the proxy URL, TLS through the tunnel, GET / of the target.
 * Answers one line, e.g. `CONNECT checkip.amazonaws.com:443 -> 200; GET https://checkip.amazonaws.com/ -> 200; 203.0.113.7`.
 */
export const CONNECT_PROBE_SOURCE = `
const net = require('node:net');
const tls = require('node:tls');
exports.handler = async ({ proxy, target }) => {
  const url = new URL(proxy);
  const socket = net.connect(Number(url.port || 80), url.hostname);
  socket.setTimeout(20000, () => socket.destroy(new Error('timeout')));
  await new Promise((ok, fail) => { socket.once('connect', ok); socket.once('error', fail); });
  socket.write('CONNECT ' + target + ':443 HTTP/1.1\\r\\nHost: ' + target + ':443\\r\\n\\r\\n');
  const head = await new Promise((ok, fail) => {
    let buf = '';
    const onData = (d) => { buf += d; if (buf.includes('\\r\\n\\r\\n')) { socket.off('data', onData); ok(buf); } };
    socket.on('data', onData); socket.once('error', fail);
  });
  const connect = Number(head.split(' ')[1]);
  if (connect !== 200) return 'CONNECT ' + target + ':443 -> ' + connect;
  const secure = tls.connect({ socket, servername: target });
  await new Promise((ok, fail) => { secure.once('secureConnect', ok); secure.once('error', fail); });
  secure.write('GET / HTTP/1.1\\r\\nHost: ' + target + '\\r\\nConnection: close\\r\\n\\r\\n');
  let answer = '';
  for await (const chunk of secure) answer += chunk;
  const status = Number(answer.split(' ')[1]);
  const body = answer.split('\\r\\n\\r\\n').slice(1).join('').trim().slice(0, 100);
  return 'CONNECT ' + target + ':443 -> 200; GET https://' + target + '/ -> ' + status + '; ' + body;
};
`;
