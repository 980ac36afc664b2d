/**
 * Loading workflows: placeholders, ASL validation, task binding — each failure stops the service at
 * start with the file's name. The repository's own workflows load with the real catalog.
 */
import { join } from 'node:path';
import { parseDefinition, substitute } from '../../../local/sfn/definitions';
import { createStepFunctionsService } from '../../../local/sfn/service';
import { FIXTURES } from './fixtures/catalog';
import { testContext } from './harness';

describe('substitute', () => {
  it.each([
    ['fills every placeholder', '{"A":"${X}","B":"${Y}"}', { X: 'x', Y: 'y' }, '{"A":"x","B":"y"}'],
    ['leaves JSONPath alone', '{"a.$":"$.b","c.$":"$$.Execution.Name"}', {}, '{"a.$":"$.b","c.$":"$$.Execution.Name"}'],
  ])('%s', (_case, text, bindings, expected) => {
    expect(substitute(text, bindings, 'f.asl.json')).toBe(expected);
  });

  it('names the file and every unbound placeholder', () => {
    expect(() => substitute('"${X}" "${Y}"', {}, 'statemachines/f.asl.json')).toThrow('statemachines/f.asl.json: no binding for placeholder(s) ${X}, ${Y}');
  });
});

describe('parseDefinition', () => {
  const valid = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}';

  it('keeps the substituted text and the parsed definition, unmutated by validation', () => {
    const loaded = parseDefinition('m', 'm.asl.json', valid, {});
    expect(loaded.text).toBe(valid);
    expect(loaded.definition.States.A).toEqual({ Type: 'Pass', End: true }); // no QueryLanguage added
  });

  // Invalid ASL is refused by the service test below (each asl-validator failure costs ~0.3–1 s).
  it('refuses text that is not JSON, naming the file', () => {
    expect(() => parseDefinition('m', 'm.asl.json', '{', {})).toThrow(/m.asl.json: not valid JSON/);
  });
});

describe('createStepFunctionsService', () => {
  it('refuses to start on an invalid workflow file', () => {
    expect(() => createStepFunctionsService(testContext(), { ...FIXTURES, stateMachineDir: join(__dirname, 'fixtures/invalid') }))
      .toThrow(/broken\.asl\.json: invalid ASL:[\s\S]*target: Nowhere/);
  });

  it('refuses a Task no local handler implements, rather than calling AWS', () => {
    expect(() => createStepFunctionsService(testContext(), { ...FIXTURES, stateMachineDir: join(__dirname, 'fixtures/unbound') }))
      .toThrow(/unbound\.asl\.json: Task state 'CallSomething' has resource '.*function:NotInCatalog'/);
  });

  it("loads the repository's workflows with the real Lambda catalog (handlers are imported only when run)", () => {
    const service = createStepFunctionsService(testContext());
    const vpc = service.machines.get('reconcile-vpc')!;
    expect(vpc.arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:reconcile-vpc');
    const lambdaTasks = Object.values(vpc.bindings).filter((b) => b.kind === 'lambda');
    expect(lambdaTasks.length).toBeGreaterThan(0);
    expect(vpc.text).not.toMatch(/\$\{/);
  });
});
