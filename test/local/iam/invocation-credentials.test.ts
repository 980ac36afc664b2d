/**
 * Concurrent invocations in one process keep their own identities: the handlers' SDK clients read the
 * invocation scope on every request (handlers/lib/invocation-credentials.ts, `memoized = true`), so a
 * shared module-scope client never reuses the identity another invocation resolved first.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { invocationCredentials } from '../../../handlers/lib/invocation-credentials';
import { runAsFunction } from '../../../local/iam/function-identities';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startLocalCloud({ proxy: 'stand-in', seedProjects: 0, memberProjects: 0 }); }, 60_000);
afterAll(async () => { await cloud?.stop(); });

it('one shared client, interleaved invocations of different functions: each call acts as its own function role', async () => {
  const shared = new STSClient({ credentials: invocationCredentials });
  const whoAmI = async (fn: string) => runAsFunction(fn, async () => {
    const first = await shared.send(new GetCallerIdentityCommand({}));
    await new Promise((r) => setTimeout(r, 5)); // let the other invocation run in between
    const second = await shared.send(new GetCallerIdentityCommand({}));
    return [first.Arn, second.Arn];
  });
  const results = await Promise.all(['Observe', 'Finalize', 'Observe', 'PublishStatus'].map(whoAmI));
  const roleName = (fn: string) => cloud.iam.functionRoleArns[fn].split('/').at(-1);
  expect(results).toEqual(['Observe', 'Finalize', 'Observe', 'PublishStatus'].map((fn) => {
    const arn = `arn:aws:sts::${cloud.accountId}:assumed-role/${roleName(fn)}/${fn}`;
    return [arn, arn];
  }));
  // Outside any invocation the default chain applies (here: the local cloud's operator-account key).
  expect((await shared.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${cloud.accountId}:root`);
});
