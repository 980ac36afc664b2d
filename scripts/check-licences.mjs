#!/usr/bin/env node
/**
 * Licence check of the installed dependency tree: every package under node_modules (nested ones and
 * scoped ones included) must declare a permissive licence. Copyleft licences (GPL, LGPL, AGPL, MPL,
 * EUPL, SSPL, …) and undeclared or custom licences fail the check: platform teams run the local cloud
 * in every `npm start`, and many licence policies forbid copyleft even in development tools.
 *
 * SPDX expressions (https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/) are evaluated:
 * `A OR B` passes when either side passes, `A AND B` when both do; `WITH <exception>` keeps its licence.
 * Usage: node scripts/check-licences.mjs [--json] [node_modules dir]; exit 1 when anything fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PERMISSIVE = new Set([
  'MIT', 'MIT-0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'CC0-1.0',
  'Unlicense', 'Python-2.0', 'Zlib', 'CC-BY-3.0', 'CC-BY-4.0',
]);

/** Old-style and common misspellings npm packages still carry, mapped to SPDX ids. */
const ALIASES = { 'Apache 2.0': 'Apache-2.0', 'Apache License 2.0': 'Apache-2.0', 'BSD': 'BSD-3-Clause', 'MIT License': 'MIT', 'Public Domain': 'Unlicense' };

/** Tokenize and evaluate an SPDX expression; unknown ids are not permissive. */
export function permissive(expression) {
  const tokens = expression.replace(/[()]/g, ' $& ').split(/\s+/).filter(Boolean);
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') { const v = or(); i++; return v; }
    let id = (t ?? '').replace(/\+$/, '');
    if (tokens[i] === 'WITH') i += 2;
    id = ALIASES[id] ?? id;
    return PERMISSIVE.has(id);
  };
  const and = () => { let v = primary(); while (tokens[i] === 'AND') { i++; v = primary() && v; } return v; };
  const or = () => { let v = and(); while (tokens[i] === 'OR') { i++; v = and() || v; } return v; };
  return or();
}

/** The licence a package.json declares, as one SPDX expression (or undefined). */
export function declaredLicence(pkg) {
  const l = pkg.license ?? pkg.licenses;
  if (typeof l === 'string') return ALIASES[l] ?? l;
  if (Array.isArray(l)) return l.map((x) => `(${typeof x === 'string' ? x : x.type})`).join(' OR ') || undefined;
  if (l && typeof l === 'object' && typeof l.type === 'string') return l.type;
  return undefined;
}

/**
 * A package that declares nothing in package.json may still ship a licence file: recognise the MIT and
 * ISC texts (their grant sentences), nothing else.
 */
export function licenceFromFile(dir) {
  const file = readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(n));
  if (!file) return undefined;
  const text = readFileSync(join(dir, file), 'utf8').replace(/\s+/g, ' ');
  if (/Permission is hereby granted, free of charge, to any person obtaining a copy of this software/i.test(text)) return 'MIT';
  if (/Permission to use, copy, modify, and\/or distribute this software for any purpose with or without fee is hereby granted/i.test(text)) return 'ISC';
  return undefined;
}

/** Every installed package directory, once per name@version. */
export function installedPackages(root) {
  const seen = new Map();
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) { for (const sub of readdirSync(path)) visitPackage(join(path, sub)); continue; }
      visitPackage(path);
    }
  };
  const visitPackage = (path) => {
    const manifest = join(path, 'package.json');
    if (!existsSync(manifest)) return;
    let pkg;
    try { pkg = JSON.parse(readFileSync(manifest, 'utf8')); } catch { return; }
    if (pkg.name && pkg.version) {
      const key = `${pkg.name}@${pkg.version}`;
      const declared = declaredLicence(pkg);
      const fromFile = declared ? undefined : licenceFromFile(path);
      if (!seen.has(key)) seen.set(key, { name: pkg.name, version: pkg.version, licence: declared ?? fromFile, fromFile: Boolean(fromFile), path });
    }
    visit(join(path, 'node_modules'));
  };
  visit(root);
  return [...seen.values()];
}

function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'node_modules');
  if (!existsSync(root)) { console.error(`check-licences: ${root} does not exist (run npm ci first)`); process.exit(1); }
  const packages = installedPackages(root);
  const failing = packages.filter((p) => !p.licence || !permissive(p.licence));
  const counts = {};
  for (const p of packages) counts[p.licence ?? '(none)'] = (counts[p.licence ?? '(none)'] ?? 0) + 1;
  if (json) {
    console.log(JSON.stringify({ packages: packages.length, licences: counts, failing }, null, 2));
  } else {
    console.log(`${packages.length} packages: ${Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);
    for (const p of packages.filter((x) => x.fromFile)) console.log(`note: ${p.name}@${p.version} declares no licence in package.json; its licence file is ${p.licence}`);
    for (const p of failing) console.log(`NOT PERMISSIVE: ${p.name}@${p.version} (${p.licence ?? 'no licence declared'}) at ${p.path}`);
    console.log(failing.length ? `${failing.length} package(s) fail the licence check` : 'every package has a permissive licence');
  }
  process.exit(failing.length ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
