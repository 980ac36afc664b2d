/**
 * Wildcard matching as IAM does it: `*` any run of characters, `?` one character.
 * Actions match case-insensitively; resources and StringLike values case-sensitively; ArnLike compares
 * ARNs component by component (a `*` does not cross the `:` between partition, service, region and account).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
const cache = new Map<string, RegExp>();

function globRegExp(pattern: string, flags: string): RegExp {
  const key = `${flags}\u0000${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`, flags);
    cache.set(key, re);
  }
  return re;
}

export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  return globRegExp(pattern, ignoreCase ? 'i' : '').test(value);
}

/** `service:Action` patterns; case-insensitive as IAM treats action names. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** First five `:`-separated components, then the rest (the resource part may itself contain `:`). */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

export function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = arnParts(pattern);
  const a = arnParts(arn);
  if (!p && pattern.startsWith('arn:')) return false; // fewer than six components never matches an ARN
  if (!p || !a) return globMatch(pattern, arn);
  return p.every((part, i) => globMatch(part, a[i]));
}

/** A policy Resource element against a request's resource ARN (`*` in a request matches only `*`). */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  if (resource === '*') return false;
  return arnLike(pattern, resource);
}
