/**
 * writeStatus after the run's own earlier status write, while EC2 still shows the tags before it
 * (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html): it reads until its own
 * write shows, so the diff and the previous state are right; if the write never shows within the
 * bound, it writes every key of the target instead of trusting the stale read.
 */
import { CreateTagsCommand, DeleteTagsCommand, DescribeVpcsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { writeStatus } from '../../../../handlers/lib/aws/status-writer';
import { STATUS_KEYS } from '../../../../handlers/lib/tags';

const VPC = 'vpc-0123456789abcdef0';
const RUN = 'vpc-0123456789abcdef0-abcdef0123-t1';

/** A VPC whose tag reads show `stale` for the first `lagReads` reads, then the real tags. */
function laggingEc2(real: Record<string, string>, stale: Record<string, string>, lagReads: number) {
  const writes: { set?: Record<string, string>; remove?: string[] }[] = [];
  let reads = 0;
  const asTags = (m: Record<string, string>) => Object.entries(m).map(([Key, Value]) => ({ Key, Value }));
  const client = {
    async send(command: unknown) {
      if (command instanceof DescribeVpcsCommand) {
        reads++;
        return { Vpcs: [{ VpcId: VPC, Tags: asTags(reads <= lagReads ? stale : real) }] };
      }
      if (command instanceof CreateTagsCommand) {
        const set = Object.fromEntries((command.input.Tags ?? []).map((t) => [t.Key!, t.Value!]));
        Object.assign(real, set);
        writes.push({ set });
        return {};
      }
      if (command instanceof DeleteTagsCommand) {
        const remove = (command.input.Tags ?? []).map((t) => t.Key!);
        for (const k of remove) delete real[k];
        writes.push({ remove });
        return {};
      }
      throw new Error(`unexpected ${String(command)}`);
    },
  } as unknown as EC2Client;
  return { client, writes, reads: () => reads };
}

const owner = { egress: 'proxy' };
const progressing = { ...owner, [STATUS_KEYS.state]: 'Progressing', [STATUS_KEYS.reason]: 'CreatingEndpoint: x', [STATUS_KEYS.execution]: RUN };
const progressingPatch = { kind: 'patch' as const, set: { [STATUS_KEYS.state]: 'Progressing', [STATUS_KEYS.reason]: 'CreatingEndpoint: x' } };

it('reads until its own earlier write shows: the previous state is that write, and the diff is against it', async () => {
  const ec2 = laggingEc2({ ...progressing }, { ...owner }, 2);
  const write = await writeStatus(ec2.client, VPC, { kind: 'patch', set: { [STATUS_KEYS.state]: 'Ready', [STATUS_KEYS.reason]: 'ProxyReachable: ok' } }, RUN, { ownEarlierWrite: true });
  expect(ec2.reads()).toBe(3);
  expect(write.previous[STATUS_KEYS.state]).toBe('Progressing');
  expect(write.set).toMatchObject({ [STATUS_KEYS.state]: 'Ready', [STATUS_KEYS.reason]: 'ProxyReachable: ok' });
});

it('when its write never shows within the bound, it writes every key of the target (a stale read skips none)', async () => {
  // The stale read already says Progressing with the same reason: a plain diff would write nothing.
  const stale = { ...owner, [STATUS_KEYS.state]: 'Progressing', [STATUS_KEYS.reason]: 'CreatingEndpoint: x', [STATUS_KEYS.execution]: 'an-older-run' };
  const ec2 = laggingEc2({ ...progressing }, stale, 100);
  const write = await writeStatus(ec2.client, VPC, progressingPatch, RUN, { ownEarlierWrite: true });
  expect(write.set).toMatchObject({ [STATUS_KEYS.state]: 'Progressing', [STATUS_KEYS.reason]: 'CreatingEndpoint: x', [STATUS_KEYS.execution]: RUN });
  expect(ec2.writes.length).toBeGreaterThan(0);
}, 10_000);

it('without an earlier write of its own it reads once, as before', async () => {
  const ec2 = laggingEc2({ ...owner }, { ...owner }, 0);
  await writeStatus(ec2.client, VPC, progressingPatch, RUN);
  expect(ec2.reads()).toBe(1);
});
