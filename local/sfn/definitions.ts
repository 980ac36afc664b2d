/**
 * Loading the workflows from statemachines/*.asl.json — the same files CDK deploys. `${Name}`
 * placeholders are filled from a bindings map before parsing, like CDK's definitionSubstitutions,
 * and every definition is validated with asl-validator, so a broken file stops the local cloud at
 * start with the file's name instead of failing some execution later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { aslErrors } from './asl-validation';

export interface LoadedDefinition {
  /** State machine name: the file name without `.asl.json`. */
  name: string;
  /** Path of the source file, for error messages. */
  file: string;
  /** The definition text after substitution (what DescribeStateMachine shows). */
  text: string;
  definition: StateMachineDefinition;
}

const SUFFIX = '.asl.json';
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/** Replace every `${Name}`; an unbound placeholder is an error naming the file. */
export function substitute(text: string, bindings: Record<string, string>, file: string): string {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, key: string) => {
    if (Object.prototype.hasOwnProperty.call(bindings, key)) return bindings[key];
    missing.add(key);
    return whole;
  });
  if (missing.size > 0) throw new Error(`${file}: no binding for placeholder(s) ${[...missing].map((k) => '${' + k + '}').join(', ')}`);
  return out;
}

/** Parse and validate one definition; errors name the file. */
export function parseDefinition(name: string, file: string, rawText: string, bindings: Record<string, string>): LoadedDefinition {
  const text = substitute(rawText, bindings, file);
  let definition: StateMachineDefinition;
  try {
    definition = JSON.parse(text) as StateMachineDefinition;
  } catch (e) {
    throw new Error(`${file}: not valid JSON after substitution: ${(e as Error).message}`);
  }
  const errors = aslErrors(text, definition);
  if (errors !== undefined) throw new Error(`${file}: invalid ASL:\n  ${errors}`);
  return { name, file, text, definition };
}

/** Every `*.asl.json` in `dir`, sorted by name. */
export function loadDefinitions(dir: string, bindings: Record<string, string>): LoadedDefinition[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort();
  return files.map((f) => {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    return parseDefinition(f.slice(0, -SUFFIX.length), shown, readFileSync(path, 'utf8'), bindings);
  });
}
