/**
 * Runs once before any test worker starts: synthesizes the CDK app's IAM roles for the local cloud's
 * enforcement (cached under node_modules/.cache, keyed by the infra sources), so no test's setup pays
 * for a cold synthesis inside its own timeout.
 */
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ACCOUNTS, OPERATOR_ACCOUNT } from '../local/accounts';
import { loadSynthesizedApp } from '../local/iam/synthesized-app';

export default function warmLocalIam(): void {
  // The default cloud (operator + member accounts) and the single-account one some tests start.
  for (const memberAccounts of [[...MEMBER_ACCOUNTS], []]) {
    loadSynthesizedApp({ operatorAccountId: OPERATOR_ACCOUNT, memberAccounts, memberExternalId: LOCAL_MEMBER_EXTERNAL_ID });
  }
}
