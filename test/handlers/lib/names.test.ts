import { executionName, generationOfExecution, triggerOf, vpcOfExecution } from '../../../handlers/lib/names';

describe('executionName', () => {
  it('is deterministic, valid and at most 80 characters', () => {
    const name = executionName('vpc-0123456789abcdef0', 'abcdef0123', 'tag-event', 7);
    expect(name).toBe('vpc-0123456789abcdef0-abcdef0123-t7');
    expect(executionName('vpc-0123456789abcdef0', 'abcdef0123', 'tag-event', 7)).toBe(name);
    const long = executionName('vpc-0123456789abcdef0', 'abcdef0123', 'sweep', 'x'.repeat(100));
    expect(long.length).toBe(80);
    expect(executionName('vpc-0123456789abcdef0', 'abcdef0123', 'cli', '2026-11-26T01:00')).toMatch(/^[0-9A-Za-z_-]+$/);
  });

  it('carries the trigger and the VPC for the CLI views', () => {
    expect(triggerOf('vpc-0123456789abcdef0-abcdef0123-t7')).toBe('tag-event');
    expect(triggerOf('vpc-0123456789abcdef0-abcdef0123-s123')).toBe('sweep');
    expect(triggerOf('something-else')).toBe('unknown');
    expect(vpcOfExecution('vpc-0123456789abcdef0-abcdef0123-c1')).toBe('vpc-0123456789abcdef0');
  });

  it('carries the spec generation the run was started for (Observe waits for a tag event\'s tags to show)', () => {
    expect(generationOfExecution(executionName('vpc-0123456789abcdef0', 'abcdef0123', 'tag-event', 7))).toBe('abcdef0123');
    expect(generationOfExecution('vpc-0123456789abcdef0-dry-run')).toBeUndefined();
    expect(generationOfExecution('test-sweep-1')).toBeUndefined();
  });
});
