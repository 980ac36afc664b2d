/**
 * EC2 tag semantics (CreateTags, DeleteTags, TagSpecification) and the `aws.tag` events they cause.
 *
 * Events: AWS emits "Tag Change on Resource" for VPCs (docs/design.md#architecture). We emit one per resource and
 * call only when something actually changed: writing a tag with the value it already has changes
 * nothing, and an event for it would only be noise that could wake the operator for no reason.
 * `changed-tag-keys` lists added, changed and removed keys; `tags` is the full set afterwards.
 */
import { randomUUID } from 'node:crypto';
import { TAG_EVENT_DETAIL_TYPE, TAG_EVENT_SOURCE } from '../../handlers/lib/event-patterns';
import { TAG_KEY_MAX, TAG_VALUE_MAX } from '../../handlers/lib/tags';
import { Ec2Error, invalidValue, kindOf } from './errors';
import type { Ec2State } from './state';
import type { Resource } from './types';
import type { QueryTag, QueryTagSpecification } from '../protocol/query';

export const MAX_TAGS_PER_RESOURCE = 50;

export function validateTagKey(key: string): void {
  if (key === '') throw invalidValue('Tag key cannot be empty');
  if (key.length > TAG_KEY_MAX) throw invalidValue(`Tag key exceeds the maximum length of ${TAG_KEY_MAX} characters`);
  if (key.toLowerCase().startsWith('aws:')) {
    throw invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
  }
}

export function validateTags(tags: { key: string; value?: string }[]): void {
  for (const t of tags) {
    validateTagKey(t.key);
    if ((t.value ?? '').length > TAG_VALUE_MAX) {
      throw invalidValue(`Tag value exceeds the maximum length of ${TAG_VALUE_MAX} characters`);
    }
  }
}

/** Emit the aws.tag event for a VPC whose tags changed (other resource types emit nothing here). */
function emitTagChange(state: Ec2State, resource: Resource, changedKeys: string[]): void {
  if (changedKeys.length === 0 || kindOf(resource.id) !== 'vpc') return;
  const version = (state.tagVersions.get(resource.id) ?? 0) + 1;
  state.tagVersions.set(resource.id, version);
  state.ctx.emitEvent({
    version: '0',
    id: randomUUID(),
    source: TAG_EVENT_SOURCE,
    'detail-type': TAG_EVENT_DETAIL_TYPE,
    account: state.accountId,
    time: new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: state.region,
    resources: [state.vpcArn(resource.id)],
    detail: {
      'changed-tag-keys': changedKeys,
      service: 'ec2',
      'resource-type': 'vpc',
      version,
      tags: Object.fromEntries(resource.tags),
    },
  });
}

/** CreateTags on resolved resources: add or overwrite, enforcing the 50-tag limit before any write. */
export function setTags(state: Ec2State, resources: Resource[], tags: QueryTag[]): void {
  validateTags(tags);
  for (const r of resources) {
    const keys = new Set([...r.tags.keys(), ...tags.map((t) => t.key)]);
    if (keys.size > MAX_TAGS_PER_RESOURCE) {
      throw new Ec2Error('TagLimitExceeded', `The maximum number of tags per resource (${MAX_TAGS_PER_RESOURCE}) has been exceeded for '${r.id}'`);
    }
  }
  for (const r of resources) {
    const changed: string[] = [];
    for (const t of tags) {
      const value = t.value ?? '';
      if (r.tags.get(t.key) === value) continue;
      r.tags.set(t.key, value);
      if (!changed.includes(t.key)) changed.push(t.key);
    }
    emitTagChange(state, r, changed);
  }
}

/**
 * DeleteTags: a key alone deletes whatever the value; a key with a value (even '') deletes only on a
 * match; no tags at all deletes every user tag. Deleting an absent tag is not an error, as in AWS.
 */
export function deleteTags(state: Ec2State, resources: Resource[], tags: QueryTag[]): void {
  for (const t of tags) validateTagKey(t.key);
  for (const r of resources) {
    const targets = tags.length === 0 ? [...r.tags.keys()].map((key) => ({ key, value: undefined })) : tags;
    const changed: string[] = [];
    for (const t of targets) {
      if (!r.tags.has(t.key)) continue;
      if (t.value !== undefined && r.tags.get(t.key) !== t.value) continue;
      r.tags.delete(t.key);
      changed.push(t.key);
    }
    emitTagChange(state, r, changed);
  }
}

/**
 * Tags from `TagSpecification` at creation time. Specifications for other resource types are an
 * error, as in AWS ("… is not a valid taggable resource type for this operation").
 */
export function creationTags(specs: QueryTagSpecification[], resourceType: string): QueryTag[] {
  const tags: QueryTag[] = [];
  for (const s of specs) {
    if (s.resourceType !== resourceType) {
      throw invalidValue(`'${s.resourceType}' is not a valid taggable resource type for this operation.`);
    }
    tags.push(...s.tags);
  }
  validateTags(tags);
  if (new Set(tags.map((t) => t.key)).size > MAX_TAGS_PER_RESOURCE) {
    throw new Ec2Error('TagLimitExceeded', `The maximum number of tags per resource (${MAX_TAGS_PER_RESOURCE}) has been exceeded`);
  }
  return tags;
}

/** Apply creation tags to a fresh resource (emits the event for VPCs, like AWS does for tag-on-create). */
export function tagNewResource(state: Ec2State, resource: Resource, tags: QueryTag[] | undefined): void {
  if (tags && tags.length > 0) setTags(state, [resource], tags);
}

export function toTagSet(tags: Map<string, string>): { key: string; value: string }[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}
