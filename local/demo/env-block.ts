/**
 * What `npm start -- --keep-running` prints for pasting into a shell (or `eval`): every line is valid
 * shell. The `export` line points the AWS CLI (v2 and v1: AWS_DEFAULT_REGION), the SDKs and `egress` at
 * the local cloud with its keys; AWS CLI versions before 2.13 (and v1) ignore AWS_ENDPOINT_URL, hence
 * the alias; scripts read the bare `AWS_ENDPOINT_URL=…`, `OPERATOR_ACCOUNT=…` and `MEMBER_ACCOUNTS=…`
 * lines. Pure.
 */

export interface EnvBlockInput {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  operatorAccount: string;
  memberAccounts: readonly string[];
}

/** Single-quoted for the shell when it holds anything but safe characters. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:,=@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function envBlock(e: EnvBlockInput): string[] {
  const vars: Array<[string, string]> = [
    ['AWS_ENDPOINT_URL', e.url], ['AWS_REGION', e.region], ['AWS_DEFAULT_REGION', e.region],
    ['AWS_ACCESS_KEY_ID', e.accessKeyId], ['AWS_SECRET_ACCESS_KEY', e.secretAccessKey],
  ];
  return [
    '# paste into a shell, or eval, to point the AWS CLI, the SDKs and egress at the local cloud:',
    `export ${vars.map(([k, v]) => `${k}=${shellWord(v)}`).join(' ')}`,
    '# AWS CLI v1 and v2 before 2.13 ignore AWS_ENDPOINT_URL:',
    `alias aws=${shellWord(`aws --endpoint-url ${e.url}`)}`,
    `AWS_ENDPOINT_URL=${e.url}`,
    `OPERATOR_ACCOUNT=${e.operatorAccount}`,
    `MEMBER_ACCOUNTS=${e.memberAccounts.join(',')}`,
  ];
}
