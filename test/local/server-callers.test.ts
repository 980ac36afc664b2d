/** The server's caller and Region resolution from the SigV4 credential, and the authorize hook. */
import { startLocalServer, credentialScopeOf } from '../../local/server';
import { createStats } from '../../local/stats';
import { createFaults } from '../../local/faults';
import { awsJsonError, awsJsonResponse } from '../../local/protocol/json';
import { Principals } from '../../local/iam/principals';
import type { LocalRequest, LocalService } from '../../local/service';

const auth = (akid: string, region: string, service = 'events') =>
  `AWS4-HMAC-SHA256 Credential=${akid}/20250101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`;

function recordingService(seen: LocalRequest[]): LocalService {
  return {
    name: 'events',
    operationOf: () => 'PutEvents',
    handle: async (req) => { seen.push(req); return awsJsonResponse({ ok: 1 }, '1.1'); },
    error: (status, code, message) => awsJsonError(status, code, message, '1.1'),
  };
}

test('credentialScopeOf reads the access key, Region and signing name from the header or a presigned query', () => {
  expect(credentialScopeOf({ authorization: auth('210987654321', 'eu-west-1', 'ec2') }, new URLSearchParams()))
    .toEqual({ accessKeyId: '210987654321', region: 'eu-west-1', service: 'ec2' });
  expect(credentialScopeOf({}, new URLSearchParams('X-Amz-Credential=AKID%2F20250101%2Fus-east-1%2Fstates%2Faws4_request')))
    .toEqual({ accessKeyId: 'AKID', region: 'us-east-1', service: 'states' });
});

describe('a server with principals and an authorize hook', () => {
  const seen: LocalRequest[] = [];
  const authorized: string[] = [];
  let now = 0;
  const principals = new Principals('123456789012', () => now);
  const faults = createFaults();
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = await startLocalServer({
      services: [recordingService(seen)], stats: createStats(), faults, principals, log: () => undefined,
      authorize: async (req) => {
        authorized.push(`${req.caller.arn} ${req.region} ${req.operation}`);
        return req.caller.accountId === '999999999999' ? awsJsonError(400, 'AccessDeniedException', `denied ${req.operation}`, '1.1') : undefined;
      },
    });
    url = server.url;
    close = server.close;
  });
  afterAll(() => close());
  beforeEach(() => { seen.length = 0; authorized.length = 0; faults.clear(); });

  const call = (akid: string, region = 'us-east-1') =>
    fetch(url, { method: 'POST', headers: { authorization: auth(akid, region), 'x-amz-target': 'AWSEvents.PutEvents' }, body: '{"Entries":[]}' });

  it('hands the service the caller of the access key and the Region of the scope', async () => {
    await call('210987654321', 'eu-west-1');
    await call('AKIAIOSFODNN7EXAMPLE');
    expect(seen.map((r) => [r.caller.accountId, r.caller.arn, r.region])).toEqual([
      ['210987654321', 'arn:aws:iam::210987654321:root', 'eu-west-1'],
      ['123456789012', 'arn:aws:iam::123456789012:root', 'us-east-1'],
    ]);
    expect(authorized).toEqual(['arn:aws:iam::210987654321:root eu-west-1 PutEvents', 'arn:aws:iam::123456789012:root us-east-1 PutEvents']);
  });

  it('answers what authorize returns, before faults and without handling the call', async () => {
    faults.add({ operation: 'events:PutEvents', kind: 'throttle', count: 1 });
    const res = await call('999999999999');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'AccessDeniedException', message: 'denied PutEvents' });
    expect(seen).toEqual([]);
    expect(faults.list()).toHaveLength(1); // the fault is still armed: authorization came first
  });

  it('an expired STS session answers ExpiredTokenException and reaches neither authorize nor the service', async () => {
    const creds = principals.issueSession('arn:aws:iam::210987654321:role/egress-operator-member', 's', 60);
    now = 61_000;
    const res = await call(creds.accessKeyId);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ __type: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
    expect(seen).toEqual([]);
    expect(authorized).toEqual([]);
  });
});
