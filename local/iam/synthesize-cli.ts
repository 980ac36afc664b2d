/**
 * `npx tsx local/iam/synthesize-cli.ts ['<SynthesisConfig JSON>']`: synthesize the CDK app and write the
 * local IAM's cache entry. synthesized-app.ts runs it in a child process on a cache miss; without an
 * argument it warms the cache for the default local cloud (operator and member accounts of
 * local/accounts.ts), e.g. in CI before the tests, so no test waits for a synthesis.
 */
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ACCOUNTS, OPERATOR_ACCOUNT } from '../accounts';
import { cacheKey, synthesize, writeCache, type SynthesisConfig } from './synthesized-app';

const config: SynthesisConfig = process.argv[2]
  ? JSON.parse(process.argv[2]) as SynthesisConfig
  : { operatorAccountId: OPERATOR_ACCOUNT, memberAccounts: [...MEMBER_ACCOUNTS], memberExternalId: LOCAL_MEMBER_EXTERNAL_ID };
const key = cacheKey(config);
writeCache(synthesize(config, key));
if (!process.argv[2]) console.log(`local IAM cache written: node_modules/.cache/egress-local-iam/${key}.json`);
