// A bundle's runtime version range (manifest `compatibility.runtimes`) checked against a version number.
// Node ranges read as npm semver (`>=18.0.0`, `^20`, `~1.2`, `18.x`, `1.2 - 2.3`, `>=18 <23 || 24.x`);
// Python ranges as PEP 440 (`>=3.8,<4.0`, `~=3.10`, `==3.11.*`, `!=3.9.0`). Pre-release tags are ignored.

export type RangeFlavour = 'semver' | 'pep440';

type Version = number[];
type Test = (v: Version) => boolean;

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The leading numbers of a version; `wildcard` when it ends in x, X or * (or, for a range, has fewer parts). */
function parseVersion(text: string): { nums: Version; wildcard: boolean } | undefined {
  const m = /^[vV]?((?:\d+|[xX*])(?:\.(?:\d+|[xX*]))*)(?:[-+._]?[A-Za-z][0-9A-Za-z.+-]*)?$/.exec(text);
  if (!m?.[1]) return undefined;
  const nums: number[] = [];
  for (const part of m[1].split('.')) {
    if (!/^\d+$/.test(part)) return { nums, wildcard: true };
    nums.push(Number(part));
  }
  return { nums, wildcard: false };
}

/** The numbers of a version a program printed (`v20.19.2`, `Python 3.11.7`), or undefined. */
export function versionIn(output: string): string | undefined {
  return /\d+(?:\.\d+)*/.exec(output)?.[0];
}

const bump = (nums: Version, at: number): Version => [...nums.slice(0, at), (nums[at] ?? 0) + 1];
const atLeast =
  (lo: Version): Test =>
  (v) =>
    compare(v, lo) >= 0;
const below =
  (hi: Version): Test =>
  (v) =>
    compare(v, hi) < 0;
const both =
  (a: Test, b: Test): Test =>
  (v) =>
    a(v) && b(v);
/** Every version that starts with `nums` (`18` → 18.*, `[]` → any). */
const prefix = (nums: Version): Test => (nums.length === 0 ? () => true : both(atLeast(nums), below(bump(nums, nums.length - 1))));

function comparator(op: string, text: string, flavour: RangeFlavour): Test | undefined {
  const parsed = parseVersion(text);
  if (!parsed) return undefined;
  const { nums } = parsed;
  // In semver a version with fewer than three parts is a range (1.2 = 1.2.x); in PEP 440 it is zero-padded.
  const partial = parsed.wildcard || (flavour === 'semver' && nums.length < 3);
  const none: Test = () => false;
  switch (op) {
    case '':
    case '=':
      return partial ? prefix(nums) : (v) => compare(v, nums) === 0;
    case '==':
    case '===':
      return parsed.wildcard ? prefix(nums) : (v) => compare(v, nums) === 0;
    case '!=': {
      const equal = parsed.wildcard ? prefix(nums) : (v: Version) => compare(v, nums) === 0;
      return (v) => !equal(v);
    }
    case '>=':
      return atLeast(nums);
    case '<':
      return nums.length === 0 ? none : below(nums);
    case '>':
      if (nums.length === 0) return none;
      return partial ? atLeast(bump(nums, nums.length - 1)) : (v) => compare(v, nums) > 0;
    case '<=':
      if (nums.length === 0) return () => true;
      return partial ? below(bump(nums, nums.length - 1)) : (v) => compare(v, nums) <= 0;
    case '^': {
      if (nums.length === 0) return () => true;
      const firstNonZero = nums.findIndex((n) => n !== 0);
      return both(atLeast(nums), below(bump(nums, firstNonZero === -1 ? nums.length - 1 : firstNonZero)));
    }
    case '~':
      if (nums.length === 0) return () => true;
      return both(atLeast(nums), below(bump(nums, Math.min(1, nums.length - 1))));
    case '~=':
      // PEP 440 compatible release: ~=3.8 is >=3.8 and 3.*; it needs at least two parts.
      if (nums.length < 2 || parsed.wildcard) return undefined;
      return both(atLeast(nums), below(bump(nums, nums.length - 2)));
    default:
      return undefined;
  }
}

const TOKEN = /^\s*(===|==|!=|~=|>=|<=|>|<|=|\^|~)?\s*([vV]?[0-9xX*][^\s,|]*)\s*,?/;

/** One `||` alternative: comparators joined by spaces or commas, or a semver hyphen range `a - b`. */
function alternative(text: string, flavour: RangeFlavour): Test | undefined {
  const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(text);
  if (hyphen?.[1] && hyphen[2]) {
    const lo = comparator('>=', hyphen[1], flavour);
    const hi = comparator('<=', hyphen[2], 'semver');
    return lo && hi ? both(lo, hi) : undefined;
  }
  const tests: Test[] = [];
  let rest = text;
  while (rest.trim() !== '') {
    const m = TOKEN.exec(rest);
    if (!m?.[2]) return undefined;
    const test = comparator(m[1] ?? '', m[2], flavour);
    if (!test) return undefined;
    tests.push(test);
    rest = rest.slice(m[0].length);
  }
  if (tests.length === 0) return () => true;
  return (v) => tests.every((t) => t(v));
}

/**
 * Whether `version` is in `range`: true or false, or undefined when the range (or the version)
 * is not written in a form Switchboard reads.
 */
export function satisfies(range: string, version: string, flavour: RangeFlavour): boolean | undefined {
  const v = parseVersion(version);
  if (!v || v.wildcard) return undefined;
  const tests: Test[] = [];
  for (const part of range.split('||')) {
    const test = alternative(part, flavour);
    if (!test) return undefined;
    tests.push(test);
  }
  return tests.some((t) => t(v.nums));
}
