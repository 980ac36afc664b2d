import { listsOwned, taskInputSchema, type Observed } from '../../../handlers/lib/workflow-state';

const observed = (extra: Record<string, unknown>) => ({
  vpcId: 'vpc-0123456789abcdef0', exists: true, desired: 'present', spec: { optedIn: true, deletionPolicy: 'delete' },
  generation: 'abcdef0123', cidrs: ['10.0.0.0/16'], statusTags: {}, ...extra,
});
/** The observed state as a step receives it: parsed from the task input. */
const received = (extra: Record<string, unknown>): Observed =>
  taskInputSchema.parse({ execution: 'x', state: { vpcId: 'vpc-0123456789abcdef0', observed: observed(extra) } }).state.observed!;

describe('listsOwned: whether EnsureSecurityGroup and EnsureEndpoint list what the operator owns', () => {
  it('follows listOwned as Observe set it', () => {
    expect(listsOwned(received({ listOwned: true }))).toBe(true);
    expect(listsOwned(received({ listOwned: false }))).toBe(false);
  });

  it('for a run whose Observe predates listOwned, follows the lists that Observe made', () => {
    expect(listsOwned(received({ ownedEndpoints: [], ownedSecurityGroupIds: [] }))).toBe(true);
    expect(listsOwned(received({}))).toBe(false);
  });
});
