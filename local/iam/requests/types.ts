/** One authorization AWS makes for a call: an action on a resource, with the request's condition keys. */
import type { ContextValue } from '../policy';

export interface Authorization {
  action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  /** SAR resource type (selects which condition keys apply), absent for `*`. */
  resourceType?: string;
  context: Record<string, ContextValue>;
}

/** Tags as condition keys: `<prefix>/<key>` = value for each tag. */
export function tagKeys(prefix: string, tags: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of tags) out[`${prefix}/${k}`] = v;
  return out;
}
