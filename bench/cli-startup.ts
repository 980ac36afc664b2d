/**
 * CLI start-up benchmark: `node bin/egress.js --help`, `node bin/egress.js status` against a local
 * cloud and `egress overlaps --input` on a five-VPC file (start-up plus the overlaps action, no AWS),
 * run from the build `npm ci` makes (bin/build-cli.js) and from the TypeScript sources through
 * tsx (EGRESS_FROM_SOURCE=1), measured in the same run, alternating, median of N runs each.
 * Run: npx tsx bench/cli-startup.ts [--runs N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { startLocalCloud } from '../local/cloud';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = resolve(__dirname, '..');
const BIN = resolve(ROOT, 'bin/egress.js');
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 7;
/** The targets on a developer machine: `--help` and `overlaps` on a small file ≤ 0.3 s, `status` against the local cloud ≤ 0.6 s. */
const TARGET_MS = { help: 300, status: 600, overlaps: 300 } as const;

/** Asynchronous: the local cloud answering `status` runs in this process. */
function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((done, fail) => child.on('close', (code) => {
    if (code === 0) done(performance.now() - started);
    else fail(new Error(`egress ${args.join(' ')} exited ${code}: ${stderr}`));
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [resolve(ROOT, 'bin/build-cli.js')], { encoding: 'utf8' });
  if (build.status !== 0 || build.stderr) throw new Error(`bin/build-cli.js: ${build.stderr}`);
  const cloud = await startLocalCloud({ proxy: 'stand-in', seedProjects: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'egress-startup-'));
  try {
    const fleetFile = join(dir, 'fleet.json');
    writeFileSync(fleetFile, JSON.stringify([
      { vpcId: 'vpc-a', account: '111111111111', region: 'eu-west-1', cidrs: ['10.0.0.0/16', '100.64.0.0/16'] },
      { vpcId: 'vpc-b', cidrs: ['10.0.0.0/16'] },
      { vpcId: 'vpc-c', cidrs: ['10.0.5.0/24', '2600:1f18:a00::/56'] },
      { vpcId: 'vpc-d', cidrs: ['172.31.0.0/16'] },
      { vpcId: 'vpc-e', cidrs: ['2600:1f18:a00::/56'] },
    ]));
    // One opted-in VPC for `status` to list, without waking the operator (no runs during the timing).
    cloud.bus.removeRule('egress-operator-tag-change');
    cloud.ec2State.tag(cloud.projectVpcIds[0], { egress: 'proxy' });
    const base = { ...process.env, ...cloud.env, NO_COLOR: '1' };
    const cases = [['help', ['--help']], ['status', ['status']], ['overlaps', ['overlaps', '--input', fleetFile]]] as const;
    console.log(`egress start-up, median of ${RUNS} runs each (node ${process.version}, ${require('node:os').cpus().length} CPUs)`);
    console.log('command          built      tsx        ratio   target');
    for (const [name, args] of cases) {
      const built: number[] = [];
      const tsx: number[] = [];
      await timeOnce(args, base); // warm the file cache and tsx's compile cache alike
      await timeOnce(args, { ...base, EGRESS_FROM_SOURCE: '1' });
      for (let i = 0; i < RUNS; i++) {
        built.push(await timeOnce(args, base));
        tsx.push(await timeOnce(args, { ...base, EGRESS_FROM_SOURCE: '1' }));
      }
      const b = median(built);
      const t = median(tsx);
      const verdict = b <= TARGET_MS[name] ? 'met' : 'missed';
      console.log(`egress ${name.padEnd(9)} ${`${Math.round(b)} ms`.padEnd(10)} ${`${Math.round(t)} ms`.padEnd(10)} ${`${(t / b).toFixed(2)}x`.padEnd(7)} ≤ ${TARGET_MS[name]} ms ${verdict}`);
    }
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - started);
    }
    console.log(`(node -e 0 alone: ${Math.round(median(bare))} ms on this machine now)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cloud.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
