/**
 * The store-level API of the local EC2: what seeding, demos and tests use directly (no HTTP),
 * running the same checks as the API operations so seeded state is state AWS could have.
 */
import { Ec2State } from './state';
import { createSubnet, createVpc, deleteSubnet, deleteVpc, type CreateSubnetInput, type CreateVpcInput } from './vpcs';
import {
  authorizeIngress, createSecurityGroup, deleteSecurityGroup, type CreateSecurityGroupInput, type RuleSpec,
} from './security-groups';
import { createVpcEndpoint, deleteVpcEndpoints, setEndpointState, type CreateEndpointInput } from './endpoints';
import { deleteTags, setTags } from './tagging';
import type { EndpointState } from './types';

type TagInput = Record<string, string>;
const asTags = (t?: TagInput) => (t ? Object.entries(t).map(([key, value]) => ({ key, value })) : undefined);

export class Ec2Store extends Ec2State {
  createVpc(input: Omit<CreateVpcInput, 'tags'> & { tags?: TagInput }) {
    return createVpc(this, { ...input, tags: asTags(input.tags) });
  }

  deleteVpc(vpcId: string): void {
    deleteVpc(this, vpcId);
  }

  createSubnet(input: Omit<CreateSubnetInput, 'tags'> & { tags?: TagInput }) {
    return createSubnet(this, { ...input, tags: asTags(input.tags) });
  }

  deleteSubnet(subnetId: string): void {
    deleteSubnet(this, subnetId);
  }

  createSecurityGroup(input: Omit<CreateSecurityGroupInput, 'tags'> & { tags?: TagInput }) {
    return createSecurityGroup(this, { ...input, tags: asTags(input.tags) });
  }

  authorizeIngress(groupId: string, rules: RuleSpec[]) {
    return authorizeIngress(this, groupId, rules);
  }

  deleteSecurityGroup(groupId: string): void {
    deleteSecurityGroup(this, groupId);
  }

  createVpcEndpoint(input: Omit<CreateEndpointInput, 'tags'> & { tags?: TagInput }) {
    return createVpcEndpoint(this, { vpcEndpointType: 'Resource', ...input, tags: asTags(input.tags) });
  }

  deleteVpcEndpoints(ids: string[]) {
    return deleteVpcEndpoints(this, ids);
  }

  /** Force an endpoint state (e.g. `Failed`) to exercise drift handling. */
  setEndpointState(id: string, state: EndpointState, lastError?: { code: string; message: string }): void {
    setEndpointState(this, id, state, lastError);
  }

  /** CreateTags semantics (emits aws.tag events for VPCs). */
  tag(resourceId: string, tags: TagInput): void {
    setTags(this, [this.requireResource(resourceId)], asTags(tags)!);
  }

  /** DeleteTags semantics for keys (any value). */
  untag(resourceId: string, keys: string[]): void {
    deleteTags(this, [this.requireResource(resourceId)], keys.map((key) => ({ key, value: undefined })));
  }

  /** Current tags of any resource as a plain object. */
  tagsOf(resourceId: string): TagInput {
    return Object.fromEntries(this.requireResource(resourceId).tags);
  }
}
