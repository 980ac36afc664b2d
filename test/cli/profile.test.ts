/**
 * `--profile NAME` on the AWS commands: the named profile's credentials are used (the SDK then skips
 * the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the environment), and a profile that does not
 * exist is one line, exit 3.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCloud } from '../../local/cloud';
import { startCloud } from './helpers/cloud';
import { egress, expectOneLineError } from './helpers/egress';

describe('egress --profile', () => {
  let cloud: LocalCloud;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    cloud = await startCloud();
    dir = mkdtempSync(join(tmpdir(), 'egress-profile-'));
    writeFileSync(join(dir, 'credentials'), `[team]\naws_access_key_id = ${cloud.env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${cloud.env.AWS_SECRET_ACCESS_KEY}\n`);
    writeFileSync(join(dir, 'config'), '[profile team]\nregion = us-east-1\n');
    // No keys in the environment: only the profile can supply them.
    env = { AWS_ENDPOINT_URL: cloud.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') };
  });
  afterAll(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the named profile supplies the credentials', async () => {
    const [withProfile, without] = await Promise.all([
      egress(['status', '--profile', 'team', '--json'], env),
      egress(['status', '--json'], env),
    ]);
    expect(withProfile.stderr).toBe('');
    expect(withProfile.code).toBe(0);
    expect(JSON.parse(withProfile.stdout)).toMatchObject({ region: 'us-east-1', vpcs: [] });
    expect(without.code).toBe(3);
    expectOneLineError(without.stderr, 'no AWS credentials found');
  });

  test('an unknown profile is one line, exit 3; every AWS command takes --profile', async () => {
    const r = await egress(['status', '--profile', 'nosuch'], env);
    expect(r.code).toBe(3);
    expectOneLineError(r.stderr);
    for (const command of ['status', 'executions', 'history', 'reconcile', 'overlaps', 'plan-cidr']) {
      const help = await egress([command, '--help']);
      expect(help.stdout).toContain('--profile <name>');
    }
  });
});
