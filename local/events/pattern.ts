/**
 * EventBridge content filtering (event patterns), for the rules of the local bus. Semantics as AWS
 * documents them: every pattern field must match; a leaf is a list of alternatives (any may match);
 * an event array matches when any element matches; missing fields match only `exists: false`.
 * Operators: literals, prefix, suffix, equals-ignore-case, anything-but (value, list, prefix, suffix),
 * numeric, exists, wildcard, and `$or`. Pure functions.
 */
export type EventPattern = { [key: string]: unknown };

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function matchesPattern(pattern: EventPattern, event: Json): boolean {
  return matchObject(pattern, isObject(event) ? event : {});
}

function matchObject(pattern: EventPattern, obj: Record<string, Json>): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or') return (rule as EventPattern[]).some((alt) => matchObject(alt, obj));
    const present = Object.prototype.hasOwnProperty.call(obj, key);
    const field = obj[key];
    if (Array.isArray(rule)) return matchLeaf(rule, field, present);
    // A nested pattern: match inside the object (or inside any object of an array). A missing object
    // is matched as empty, so `exists: false` below it still matches.
    const nested = rule as EventPattern;
    if (Array.isArray(field)) return field.some((el) => isObject(el) && matchObject(nested, el));
    return matchObject(nested, isObject(field) ? field : {});
  });
}

function matchLeaf(conditions: Json[], field: Json, present: boolean): boolean {
  const values: Json[] = !present ? [] : Array.isArray(field) ? field : [field];
  return conditions.some((c) => matchCondition(c, values, present));
}

function matchCondition(c: Json, values: Json[], present: boolean): boolean {
  if (!isObject(c)) return values.some((v) => v === c); // string, number, boolean, null literals
  const [op, arg] = Object.entries(c)[0] ?? [];
  switch (op) {
    case 'exists':
      return arg ? present && values.length > 0 : !present;
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'wildcard':
      return values.some((v) => stringTest(op, arg, v));
    case 'anything-but':
      return values.some((v) => !anyOf(arg, v));
    case 'numeric':
      return values.some((v) => typeof v === 'number' && numericTest(arg as Json[], v));
    default:
      throw new Error(`unsupported event pattern operator '${String(op)}'`);
  }
}

/** `anything-but`'s argument: a literal, a list of literals, or one string operator. */
function anyOf(arg: Json, v: Json): boolean {
  if (Array.isArray(arg)) return arg.some((a) => a === v);
  if (isObject(arg)) {
    const [op, inner] = Object.entries(arg)[0] ?? [];
    return stringTest(String(op), inner, v);
  }
  return arg === v;
}

function stringTest(op: string, arg: Json, v: Json): boolean {
  if (typeof v !== 'string') return false;
  // `prefix`/`suffix` also take `{ "equals-ignore-case": "…" }`.
  const ignoreCase = isObject(arg) && typeof arg['equals-ignore-case'] === 'string';
  const text = String(ignoreCase ? (arg as Record<string, Json>)['equals-ignore-case'] : arg);
  const [value, expected] = ignoreCase ? [v.toLowerCase(), text.toLowerCase()] : [v, text];
  switch (op) {
    case 'prefix': return value.startsWith(expected);
    case 'suffix': return value.endsWith(expected);
    case 'equals-ignore-case': return v.toLowerCase() === text.toLowerCase();
    case 'wildcard': return globRegExp(text).test(v);
    default: throw new Error(`unsupported string operator '${op}'`);
  }
}

function numericTest(ops: Json[], v: number): boolean {
  for (let i = 0; i + 1 < ops.length; i += 2) {
    const [op, n] = [ops[i], Number(ops[i + 1])];
    const ok = op === '=' ? v === n : op === '<' ? v < n : op === '<=' ? v <= n : op === '>' ? v > n : op === '>=' ? v >= n : false;
    if (!ok) return false;
  }
  return ops.length >= 2;
}

const globRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/** Throws when `pattern` is not a well-formed event pattern (what PutRule would refuse). */
export function assertPattern(pattern: unknown, path = ''): void {
  if (!isObject(pattern)) throw new Error(`event pattern${path ? ` at ${path}` : ''} must be an object`);
  for (const [key, rule] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2) throw new Error(`$or at ${at} needs a list of at least two patterns`);
      rule.forEach((alt, i) => assertPattern(alt, `${at}[${i}]`));
    } else if (Array.isArray(rule)) {
      for (const c of rule) if (isObject(c)) matchCondition(c, [], false); // throws on unknown operators
    } else if (isObject(rule)) {
      assertPattern(rule, at);
    } else {
      throw new Error(`event pattern value at ${at} must be a list or an object`);
    }
  }
}
