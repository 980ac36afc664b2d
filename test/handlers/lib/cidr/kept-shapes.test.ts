/**
 * The engine's warm-up (handlers/lib/cidr/kept-shapes.ts): the first large count in a process keeps
 * one object of every engine class, so a warm process's later counts keep V8's optimized code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VpcCidrs } from '../../../../handlers/lib/cidr/fleet';

const CIDR_DIR = join(__dirname, '..', '..', '..', '..', 'handlers', 'lib', 'cidr');

type Engine = { overlaps: typeof import('../../../../handlers/lib/cidr/overlaps'); kept: typeof import('../../../../handlers/lib/cidr/kept-shapes') };

/** A fresh copy of the engine's modules: each test starts in a process that has counted nothing. */
function freshEngine(): Engine {
  let engine: Engine | undefined;
  jest.isolateModules(() => {
    engine = { overlaps: require('../../../../handlers/lib/cidr/overlaps'), kept: require('../../../../handlers/lib/cidr/kept-shapes') };
  });
  return engine!;
}

/** Every class declared in the engine's folder, but errors and CidrBlock (a parsed CIDR, not part of a count). */
function engineClasses(): string[] {
  const names: string[] = [];
  for (const file of readdirSync(CIDR_DIR).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(join(CIDR_DIR, file), 'utf8').matchAll(/^(?:export )?class (\w+)/gm)) names.push(match[1]);
  }
  return names.filter((name) => !name.endsWith('Error') && name !== 'CidrBlock').sort();
}

/** `size` VPCs: /24s in shared /16s, every tenth with a second block, some on a shared default. */
function fleet(size: number): VpcCidrs[] {
  return Array.from({ length: size }, (_, i) => {
    const cidrs = [`10.${i % 64}.${(i >> 6) & 255}.0/24`];
    if (i % 10 === 0) cidrs.push(`10.${64 + (i % 7)}.0.0/16`);
    if (i % 97 === 0) cidrs.push('172.31.0.0/16');
    return { vpcId: `vpc-${i.toString(16).padStart(17, '0')}`, cidrs };
  });
}

const classNames = (objects: readonly object[]) => [...new Set(objects.map((o) => o.constructor.name))].sort();

test('a count below WARM_UP_FROM_VPCS keeps nothing', () => {
  const { overlaps, kept } = freshEngine();
  new overlaps.OverlapIndex(fleet(200));
  expect(kept.keptObjects()).toHaveLength(0);
});

test('the first large count keeps an object of every engine class; later counts keep nothing more', () => {
  const { overlaps, kept } = freshEngine();
  const classes = engineClasses();
  expect(classes).toEqual(expect.arrayContaining(['ComponentPairCounter', 'LocalClasses', 'OverlapIndex', 'SideRows']));
  const vpcs = fleet(overlaps.WARM_UP_FROM_VPCS);
  new overlaps.OverlapIndex(vpcs);
  expect(classNames(kept.keptObjects())).toEqual(classes);
  const count = kept.keptObjects().length;
  new overlaps.OverlapIndex(vpcs);
  expect(kept.keptObjects()).toHaveLength(count);
  // None of them is the large count's: what is kept is the warm-up's tiny fleet.
  const indexes = kept.keptObjects().filter((o): o is InstanceType<typeof overlaps.OverlapIndex> => o instanceof overlaps.OverlapIndex);
  expect(indexes.length).toBeGreaterThan(0);
  expect(indexes.every((index) => index.size < 1_000)).toBe(true);
});

test('the count the warm-up runs inside gives the same results as a count after it', () => {
  const { overlaps } = freshEngine();
  const vpcs = fleet(overlaps.WARM_UP_FROM_VPCS);
  const first = new overlaps.OverlapIndex(vpcs).analyze({ detailFor: [vpcs[0].vpcId, vpcs[10].vpcId] });
  const second = new overlaps.OverlapIndex(vpcs).analyze({ detailFor: [vpcs[0].vpcId, vpcs[10].vpcId] });
  expect(first).toEqual(second);
  // The /24s are all distinct; vpc 0 shares 10.64.0.0/16 with every 70th VPC, and 172.31.0.0/16 with every 97th.
  expect(first.summary.vpcs).toBe(overlaps.WARM_UP_FROM_VPCS);
  expect(first.vpcs[0].overlapCount).toBe(Math.floor((overlaps.WARM_UP_FROM_VPCS - 1) / 70) + Math.floor((overlaps.WARM_UP_FROM_VPCS - 1) / 97) - Math.floor((overlaps.WARM_UP_FROM_VPCS - 1) / (70 * 97)));
});
