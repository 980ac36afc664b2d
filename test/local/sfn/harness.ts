/**
 * Starts a local cloud with only the Step Functions service (test fixtures by default) on the shared
 * loopback server, and an SFN client pointed at it.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { createFaults } from '../../../local/faults';
import { startLocalServer, type LocalServer } from '../../../local/server';
import type { ServiceContext } from '../../../local/service';
import { createStepFunctionsService, type StepFunctionsOptions, type StepFunctionsService } from '../../../local/sfn/service';
import { createStats, type Stats } from '../../../local/stats';
import { FIXTURES } from './fixtures/catalog';

export interface SfnHarness {
  sfn: SFNClient;
  service: StepFunctionsService;
  stats: Stats;
  server: LocalServer;
  arn(name: string): string;
  close(): Promise<void>;
}

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function testContext(stats: Stats = createStats()): ServiceContext {
  return { accountId: ACCOUNT, region: REGION, stats, emitEvent: () => {} };
}

export async function startSfn(opts: StepFunctionsOptions = {}): Promise<SfnHarness> {
  const stats = createStats();
  // gate.asl.json's Hold task has no Lambda behind it; tests that need it held bind their own.
  const extraTaskHandlers = { Hold: (input: unknown) => input as null, ...opts.extraTaskHandlers };
  const service = createStepFunctionsService(testContext(stats), { ...FIXTURES, timeScale: 0, ...opts, extraTaskHandlers });
  const server = await startLocalServer({ services: [service], stats, faults: createFaults(), log: () => {} });
  const sfn = new SFNClient({
    region: REGION, endpoint: server.url, maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  return {
    sfn, service, stats, server,
    arn: (name) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
    close: async () => {
      await service.awaitIdle();
      sfn.destroy();
      await server.close();
    },
  };
}
