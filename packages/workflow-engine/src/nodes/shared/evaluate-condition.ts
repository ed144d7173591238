/** Comparison operators of if-else conditions, with Dify's exact names. */
export const comparisonOperators = [
  'contains',
  'not contains',
  'start with',
  'end with',
  'is',
  'is not',
  'empty',
  'not empty',
  '=',
  '≠',
  '>',
  '<',
  '≥',
  '≤',
  'in',
  'not in',
] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

/** Every accepted spelling: the operators plus the ASCII aliases Dify also accepts. */
export const comparisonOperatorNames = [...comparisonOperators, '!=', '>=', '<='] as const;
export type ComparisonOperatorName = (typeof comparisonOperatorNames)[number];

export function canonicalOperator(name: ComparisonOperatorName): ComparisonOperator {
  switch (name) {
    case '!=':
      return '≠';
    case '>=':
      return '≥';
    case '<=':
      return '≤';
    default:
      return name;
  }
}

/** Operators that compare nothing, so a condition using them needs no value. */
export const valuelessOperators: ReadonlySet<ComparisonOperator> = new Set(['empty', 'not empty']);

type Primitive = string | number | boolean;
const isPrimitive = (value: unknown): value is Primitive => ['string', 'number', 'boolean'].includes(typeof value);
const isMissing = (value: unknown) => value === undefined || value === null;

/** Equality across the text form of primitives, so `5`, `"5"` and a rendered `{{#x.n#}}` agree. */
function looseEquals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  return isPrimitive(actual) && isPrimitive(expected) && String(actual) === String(expected);
}

function toNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function isEmpty(value: unknown): boolean {
  if (isMissing(value) || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

function contains(actual: unknown, expected: unknown): boolean {
  if (isMissing(expected)) return false;
  if (typeof actual === 'string') return isPrimitive(expected) && actual.includes(String(expected));
  if (Array.isArray(actual)) return actual.some((element) => looseEquals(element, expected));
  return false;
}

function isOneOf(actual: unknown, expected: unknown): boolean {
  if (!isPrimitive(actual)) return false;
  const allowed = Array.isArray(expected) ? expected : typeof expected === 'string' ? expected.split(',').map((part) => part.trim()) : [expected];
  return allowed.some((candidate) => looseEquals(actual, candidate));
}

function compareNumbers(actual: unknown, expected: unknown, compare: (left: number, right: number) => boolean): boolean {
  const left = toNumber(actual);
  const right = toNumber(expected);
  return left !== undefined && right !== undefined && compare(left, right);
}

/**
 * Evaluates one condition the way Dify does: a missing value fails every test except `not contains`,
 * `not in` and `empty`; numeric operators fail when either side is not a number.
 */
export function evaluateCondition(operator: ComparisonOperator, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'contains':
      return contains(actual, expected);
    case 'not contains':
      return !contains(actual, expected);
    case 'start with':
      return typeof actual === 'string' && isPrimitive(expected) && actual.startsWith(String(expected));
    case 'end with':
      return typeof actual === 'string' && isPrimitive(expected) && actual.endsWith(String(expected));
    case 'is':
      return isPrimitive(actual) && isPrimitive(expected) && String(actual) === String(expected);
    case 'is not':
      return isPrimitive(actual) && isPrimitive(expected) && String(actual) !== String(expected);
    case 'empty':
      return isEmpty(actual);
    case 'not empty':
      return !isEmpty(actual);
    case '=':
      return compareNumbers(actual, expected, (left, right) => left === right);
    case '≠':
      return compareNumbers(actual, expected, (left, right) => left !== right);
    case '>':
      return compareNumbers(actual, expected, (left, right) => left > right);
    case '<':
      return compareNumbers(actual, expected, (left, right) => left < right);
    case '≥':
      return compareNumbers(actual, expected, (left, right) => left >= right);
    case '≤':
      return compareNumbers(actual, expected, (left, right) => left <= right);
    case 'in':
      return isOneOf(actual, expected);
    case 'not in':
      return !isOneOf(actual, expected);
  }
}
