/** The CI licence check against a fixture node_modules tree (scripts/check-licences.mjs). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'check-licences.mjs');
let root: string;

function pkg(dir: string, manifest: Record<string, unknown>, files: Record<string, string> = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

function check(dir: string) {
  const out = spawnSync(process.execPath, [SCRIPT, '--json', dir], { encoding: 'utf8' });
  return { status: out.status, report: JSON.parse(out.stdout) as { packages: number; failing: { name: string; licence?: string }[] } };
}

beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'licences-')); });
afterEach(() => { rmSync(root, { recursive: true, force: true }); });

it('passes permissive licences, SPDX OR with one permissive side, and an MIT licence file without a package.json field', () => {
  const nm = join(root, 'node_modules');
  pkg(join(nm, 'a'), { name: 'a', version: '1.0.0', license: 'MIT' });
  pkg(join(nm, '@s', 'b'), { name: '@s/b', version: '1.0.0', license: '(MIT OR GPL-3.0-or-later)' });
  pkg(join(nm, 'c'), { name: 'c', version: '1.0.0', licenses: [{ type: 'BSD-3-Clause' }] });
  pkg(join(nm, 'd'), { name: 'd', version: '1.0.0' }, { LICENSE: 'Copyright\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software' });
  expect(check(nm)).toEqual({ status: 0, report: expect.objectContaining({ packages: 4, failing: [] }) });
});

it('fails copyleft (also nested and behind AND), undeclared and custom licences, naming each package', () => {
  const nm = join(root, 'node_modules');
  pkg(join(nm, 'ok'), { name: 'ok', version: '1.0.0', license: 'ISC' });
  pkg(join(nm, 'ok', 'node_modules', '@cloud-copilot', 'iam-simulate'), { name: '@cloud-copilot/iam-simulate', version: '0.1.0', license: 'AGPL-3.0' });
  pkg(join(nm, 'both'), { name: 'both', version: '1.0.0', license: 'MIT AND GPL-2.0' });
  pkg(join(nm, 'none'), { name: 'none', version: '1.0.0' });
  pkg(join(nm, 'custom'), { name: 'custom', version: '1.0.0', license: 'SEE LICENSE IN LICENSE.txt' });
  const { status, report } = check(nm);
  expect(status).toBe(1);
  expect(report.failing.map((p) => `${p.name} ${p.licence ?? '-'}`).sort()).toEqual([
    '@cloud-copilot/iam-simulate AGPL-3.0', 'both MIT AND GPL-2.0', 'custom SEE LICENSE IN LICENSE.txt', 'none -',
  ]);
});
