/**
 * The local cloud's synthesis of the CDK app (local/iam/synthesized-app.ts) leaves nothing behind in
 * the system temp folder: `npm start` and the tests synthesize whenever infra/ changes.
 */
import { readdirSync } from 'node:fs';
import { FileSystem } from 'aws-cdk-lib';
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ACCOUNTS, OPERATOR_ACCOUNT } from '../../../local/accounts';
import { cacheKey, synthesize } from '../../../local/iam/synthesized-app';

/** CDK's synthesis directories in the temp folder CDK uses (it reads the folder once per process). */
const cdkOutDirs = () => readdirSync(FileSystem.tmpdir).filter((name) => name.startsWith('cdk.out'));

test('synthesize returns the three templates and leaves no cdk.out directory behind', () => {
  const config = { operatorAccountId: OPERATOR_ACCOUNT, memberAccounts: [...MEMBER_ACCOUNTS], memberExternalId: LOCAL_MEMBER_EXTERNAL_ID };
  // No other test synthesizes into the temp folder (test/helpers/cdk-outdir.ts), so any new one is this call's.
  const before = new Set(cdkOutDirs());
  const app = synthesize(config, cacheKey(config));
  for (const stack of Object.values(app.stacks)) expect(Object.keys(stack.template.Resources ?? {}).length).toBeGreaterThan(0);
  expect(Object.keys(app.functionRoles).length).toBeGreaterThan(0);
  expect(cdkOutDirs().filter((name) => !before.has(name))).toEqual([]);
}, 60_000);
