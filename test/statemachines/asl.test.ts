/** Every workflow file is valid ASL, uses only known error names, and only catalogued placeholders. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_NAMES } from '../../handlers/lib/errors';
import { LAMBDAS, STATE_MACHINES } from '../../handlers/catalog';

// asl-validator's package exposes a CommonJS default export.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const aslValidator = require('asl-validator');
const validate: (d: unknown) => { isValid: boolean; errors: unknown[] } = aslValidator.default ?? aslValidator;

const dir = join(__dirname, '../../statemachines');
const files = readdirSync(dir).filter((f) => f.endsWith('.asl.json'));
// States.* and Lambda.* are the runtime's, Sandbox.Timedout is a Lambda function timeout as Step Functions
// reports it; StepFunctions.* are the startExecution integration's (AWS names them).
const BUILT_IN = /^(States\.|Lambda\.|Sandbox\.|StepFunctions\.)/;

function allStates(states: Record<string, any>): [string, any][] {
  return Object.entries(states).flatMap(([name, s]) => [
    [name, s] as [string, any],
    ...(s.ItemProcessor ? allStates(s.ItemProcessor.States) : []),
    ...(s.Iterator ? allStates(s.Iterator.States) : []),
    ...(s.Branches ?? []).flatMap((b: any) => allStates(b.States)),
  ]);
}

describe.each(files)('%s', (file) => {
  const text = readFileSync(join(dir, file), 'utf8');
  const definition = JSON.parse(text);

  it('passes asl-validator (on a clone: the validator mutates its input)', () => {
    const result = validate(structuredClone(definition));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('matches only error names defined in handlers/lib/errors.ts', () => {
    const names = allStates(definition.States).flatMap(([, s]) =>
      [...(s.Retry ?? []), ...(s.Catch ?? [])].flatMap((r: { ErrorEquals: string[] }) => r.ErrorEquals));
    const custom = [...new Set(names.filter((n) => !BUILT_IN.test(n)))];
    expect(custom.filter((n) => !ERROR_NAMES.includes(n))).toEqual([]);
    expect(custom.length).toBeGreaterThan(0);
  });

  it('holds ${…} placeholders only for catalogued ARNs', () => {
    const known = new Set([...LAMBDAS.map((l) => l.placeholder), ...STATE_MACHINES.map((m) => m.placeholder)]);
    const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    expect(used.filter((p) => !known.has(p))).toEqual([]);
  });
});

describe('ASL state → handler → planner, one hop each', () => {
  const lambdaTasks = files.flatMap((file) => allStates(JSON.parse(readFileSync(join(dir, file), 'utf8')).States)
    .filter(([, s]) => s.Type === 'Task' && /^\$\{\w+FunctionArn\}$/.test(s.Resource)));
  const design = readFileSync(join(__dirname, '../../docs/design.md'), 'utf8');

  it.each(lambdaTasks.map(([name, s]) => [name, s.Resource as string]))('%s runs the handler of the same name', (name, resource) => {
    const entry = LAMBDAS.find((l) => `\${${l.placeholder}}` === resource);
    expect(entry?.id).toBe(name);
  });

  it.each(LAMBDAS.map((l) => [l.id, l.file]))('docs/design.md names %s, its handler and its planner', (id, file) => {
    const row = design.split('\n').find((line) => line.startsWith(`| ${id} |`));
    expect(row).toContain(`handlers/${file}`);
    expect(row?.split('|')[3]?.trim()).not.toBe('');
  });
});
