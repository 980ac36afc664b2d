/**
 * DescribeTags: every tag of every resource, one item per tag, with the filters of the API reference
 * (key, value, resource-id, resource-type, tag:<key>; wildcards in values) and MaxResults 5–1000 /
 * NextToken (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html).
 */
import { parseFilters, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { readView } from '../consistency-view';
import { kindOf } from '../errors';
import { applyFilters, type FilterFields } from '../filters';
import { paginate, DEFAULT_LIMITS } from '../paginate';
import type { Ec2State } from '../state';
import type { Resource, Tags } from '../types';

/** One row of the answer. `tags` is the resource's whole tag set (the `tag:<key>` filter reads it). */
interface TagRow extends Resource {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
}

/** More tags than this per resource never exist (the 50-tag limit), so rows sort by resource then tag. */
const ROWS_PER_RESOURCE = 64;

const fields: FilterFields<TagRow> = {
  key: (t) => t.key,
  value: (t) => t.value,
  'resource-id': (t) => t.resourceId,
  'resource-type': (t) => t.resourceType,
};

function rowsOf(r: Resource): TagRow[] {
  const type = kindOf(r.id);
  if (!type) return [];
  const tags: Tags = r.tags;
  return [...tags].map(([key, value], i) => ({
    id: `${r.id}/${key}`, seq: r.seq * ROWS_PER_RESOURCE + i, tags, resourceId: r.id, resourceType: type, key, value,
  }));
}

export const describeTagsOps = {
  DescribeTags(state: Ec2State, p: QueryParams): XmlObject {
    state.refresh();
    const resources: Resource[] = [...state.vpcs.values(), ...state.subnets.values(), ...state.securityGroups.values(),
      ...state.endpoints.values(), ...state.networkInterfaces.values()];
    const rows = resources.flatMap((r) => {
      const seen = readView(r);
      return seen ? rowsOf(seen) : [];
    });
    const filtered = applyFilters(rows, parseFilters(p), fields);
    const page = paginate(filtered, { maxResults: p.int('MaxResults'), nextToken: p.get('NextToken') }, DEFAULT_LIMITS);
    return {
      tagSet: page.items.map((t) => ({ resourceId: t.resourceId, resourceType: t.resourceType, key: t.key, value: t.value })),
      nextToken: page.nextToken,
    };
  },
};
