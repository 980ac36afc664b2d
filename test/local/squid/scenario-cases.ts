/**
 * The cases the namespace scenarios run, shared by the script (which runs them) and the jest test
 * (which names and asserts them), so that both agree on the list without running anything.
 * Public addresses appear here only as targets inside the private namespace, where they have no route.
 */

/** A public address (example.com's former one). Inside the namespace there is no route to it. */
export const PUBLIC_IP = '93.184.216.34';

/** CONNECT targets the production rendering must refuse with 403. */
export const DENIED_TARGETS: Array<[name: string, target: string]> = [
  ['instance metadata', '169.254.169.254:443'],
  ['Amazon DNS (link-local)', '169.254.169.253:443'],
  ['"this" network 0/8', '0.1.2.3:443'],
  ['10/8 low', '10.0.0.1:443'],
  ['10/8 high', '10.255.255.254:443'],
  ['100.64/10 shared space', '100.64.0.1:443'],
  ['loopback', '127.0.0.1:443'],
  ['loopback 127/8 other', '127.1.2.3:443'],
  ['172.16/12 low', '172.16.0.1:443'],
  ['172.16/12 high', '172.31.255.254:443'],
  ['192.168/16', '192.168.1.1:443'],
  ['multicast', '224.0.0.1:443'],
  ['broadcast', '255.255.255.255:443'],
  ['IPv6 loopback', '[::1]:443'],
  ['IPv6 unique local fc00::/7', '[fc00::1]:443'],
  ['IPv6 instance metadata fd00:ec2::254', '[fd00:ec2::254]:443'],
  ['IPv6 link-local fe80::/10', '[fe80::1]:443'],
  ['IPv4-mapped metadata', '[::ffff:169.254.169.254]:443'],
  ['IPv4-mapped 10/8', '[::ffff:10.0.0.1]:443'],
  ['NAT64-embedded metadata', '[64:ff9b::a9fe:a9fe]:443'],
  ['6to4-embedded 10/8', '[2002:a00:1::1]:443'],
  ['name resolving to loopback (/etc/hosts)', 'localhost:443'],
  ['SSH port on a public address', `${PUBLIC_IP}:22`],
  ['SMTP port on a public address', `${PUBLIC_IP}:25`],
  ['MySQL port on a public address', `${PUBLIC_IP}:3306`],
  ['plain HTTP port as a tunnel', `${PUBLIC_IP}:80`],
];

/** Plain (non-CONNECT) requests to the production rendering, with the status expected. */
export const PLAIN_HTTP_CASES: Array<[name: string, requestTarget: string, expected: 'denied' | 'forwarded']> = [
  ['metadata over plain HTTP', 'http://169.254.169.254/latest/meta-data/', 'denied'],
  ['plain HTTP to a port other than 80', `http://${PUBLIC_IP}:8080/`, 'denied'],
  ['ftp:// URL', `ftp://${PUBLIC_IP}/`, 'denied'],
  ['ftp:// URL on port 80', `ftp://${PUBLIC_IP}:80/`, 'denied'],
  ['cache manager via cache_object', 'cache_object://127.0.0.1/info', 'denied'],
  ['cache manager via the proxy port', '/squid-internal-mgr/menu', 'denied'],
  ['plain HTTP on port 80 to a public address', `http://${PUBLIC_IP}/`, 'forwarded'],
];
