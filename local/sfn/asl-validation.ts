/**
 * ASL validation with asl-validator, remembered. The validator builds and compiles a fresh JSON-schema
 * validator on every call (~0.3 s per definition), which would make every local cloud start — and
 * every test file — pay it again for unchanged files. A definition text once found valid is
 * remembered in memory and in a marker file under the OS temp directory, keyed by the SHA-256 of the
 * text and the validator version; invalid texts are always validated again, so errors stay exact.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// asl-validator ships no types; this is the part of its API we use.
type AslValidator = (definition: unknown, opts?: { checkPaths?: boolean; checkArn?: boolean }) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};
const validateAsl: AslValidator = require('asl-validator');
const VERSION: string = require('asl-validator/package.json').version;

const CACHE_DIR = join(tmpdir(), 'egress-operator-asl-valid');
const known = new Set<string>();

/** Errors text when `definition` (parsed from `text`) is invalid ASL, else undefined. */
export function aslErrors(text: string, definition: unknown): string | undefined {
  const key = createHash('sha256').update(`${VERSION}\n${text}`).digest('hex');
  const marker = join(CACHE_DIR, key);
  if (known.has(key) || existsSync(marker)) {
    known.add(key);
    return undefined;
  }
  // asl-validator mutates its input (adds QueryLanguage to every state): validate a copy.
  const result = validateAsl(JSON.parse(JSON.stringify(definition)), { checkPaths: true, checkArn: true });
  if (!result.isValid) return result.errorsText('\n  ');
  known.add(key);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(marker, '');
  } catch { /* a read-only temp dir only costs speed */ }
  return undefined;
}
