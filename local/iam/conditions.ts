/**
 * Condition operators, for exactly what the policies we ship use and their negations (docs/local-cloud.md#iam):
 * String*, Arn*, Bool, Null, Numeric*, the ForAllValues:/ForAnyValue: set qualifiers and the IfExists suffix.
 * Semantics from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
 * - operators AND together, keys within an operator AND, values of one key OR;
 * - a key missing from the request: false, except for negated operators (true), `…IfExists` (true),
 *   `ForAllValues:` (true) and `Null` (which tests exactly that);
 * - negated operators are true when the request value matches none of the policy values.
 */
import { arnLike, globMatch } from './match';
import { asList, UnsupportedPolicyFeatureError, type ConditionBlock, type ContextValue } from './policy';

type ValueTest = (policyValue: string, requestValue: string) => boolean;

const number = (s: string) => Number(s);

const POSITIVE: Record<string, ValueTest> = {
  StringEquals: (p, r) => p === r,
  StringEqualsIgnoreCase: (p, r) => p.toLowerCase() === r.toLowerCase(),
  StringLike: (p, r) => globMatch(p, r),
  ArnEquals: (p, r) => arnLike(p, r),
  ArnLike: (p, r) => arnLike(p, r),
  Bool: (p, r) => p.toLowerCase() === r.toLowerCase(),
  NumericEquals: (p, r) => number(p) === number(r),
  NumericLessThan: (p, r) => number(r) < number(p),
  NumericLessThanEquals: (p, r) => number(r) <= number(p),
  NumericGreaterThan: (p, r) => number(r) > number(p),
  NumericGreaterThanEquals: (p, r) => number(r) >= number(p),
};

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
};

interface ParsedOperator {
  set?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  negated: boolean;
  ifExists: boolean;
}

function parseOperator(raw: string): ParsedOperator {
  let rest = raw;
  let set: ParsedOperator['set'];
  const m = /^(ForAllValues|ForAnyValue):(.+)$/.exec(rest);
  if (m) { set = m[1] as ParsedOperator['set']; rest = m[2]; }
  const ifExists = rest.endsWith('IfExists');
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  if (rest === 'Null') return { set, base: 'Null', negated: false, ifExists };
  if (POSITIVE[rest]) return { set, base: rest, negated: false, ifExists };
  if (NEGATED[rest]) return { set, base: NEGATED[rest], negated: true, ifExists };
  throw new UnsupportedPolicyFeatureError(`the condition operator ${raw}`);
}

/** Case-insensitive lookup of a condition key in the request context. */
export function contextValue(context: Record<string, ContextValue>, key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() === wanted) return asList(v);
  }
  return undefined;
}

function checkPolicyValues(values: string[]): void {
  if (values.some((v) => v.includes('${'))) throw new UnsupportedPolicyFeatureError(`policy variables (${values.join(', ')})`);
}

function evaluateKey(op: ParsedOperator, requestValues: string[] | undefined, policyValues: string[]): boolean {
  const present = requestValues !== undefined && requestValues.length > 0;
  if (op.base === 'Null') {
    // Null: "true" = the key is absent; "false" = it is present (an empty multivalued key counts as absent).
    return policyValues.some((p) => (p.toLowerCase() === 'true') === !present);
  }
  checkPolicyValues(policyValues);
  const test = POSITIVE[op.base];
  const single = (r: string) => {
    const hit = policyValues.some((p) => test(p, r));
    return op.negated ? !hit : hit;
  };
  if (!present) {
    if (op.set === 'ForAllValues') return true;
    if (op.set === 'ForAnyValue') return false;
    return op.ifExists || op.negated;
  }
  if (op.set === 'ForAllValues') return requestValues.every(single);
  if (op.set === 'ForAnyValue') return requestValues.some(single);
  // A single-valued operator on a multivalued key: negated ones need every value to miss, positive any to hit.
  return op.negated ? requestValues.every(single) : requestValues.some(single);
}

/** True when every operator of the block holds for the request context. */
export function conditionsHold(block: ConditionBlock | undefined, context: Record<string, ContextValue>): boolean {
  if (!block) return true;
  for (const [rawOperator, keys] of Object.entries(block)) {
    const op = parseOperator(rawOperator);
    for (const [key, values] of Object.entries(keys)) {
      const policyValues = asList(values).map(String);
      if (!evaluateKey(op, contextValue(context, key), policyValues)) return false;
    }
  }
  return true;
}
