// A small schema DSL for the YAML config. Each spec checks a plain value and either returns the typed
// result or records an issue at its path; the loader turns issues into "file:line: path: expected X, got Y"
// using the YAML document's source positions, so a person can go straight to the line.

export type PathSeg = string | number;
export type Path = PathSeg[];

export interface Issue {
  path: Path;
  message: string;
}

/** Marks a value that failed its check (the issue is already recorded). */
export const INVALID: unique symbol = Symbol('invalid');
export type Checked<T> = T | typeof INVALID;

export class Ctx {
  readonly issues: Issue[] = [];
  fail(path: Path, expected: string, got: unknown): typeof INVALID {
    this.issues.push({ path, message: `expected ${expected}, ${describe(got)}` });
    return INVALID;
  }
  note(path: Path, message: string): typeof INVALID {
    this.issues.push({ path, message });
    return INVALID;
  }
}

export type Spec<T> = (value: unknown, path: Path, ctx: Ctx) => Checked<T>;

export function describe(got: unknown): string {
  if (got === undefined) return 'but it is missing';
  if (got === null) return 'got nothing (an empty value)';
  if (typeof got === 'string') return `got '${got.length > 60 ? got.slice(0, 57) + '...' : got}'`;
  if (Array.isArray(got)) return 'got a list';
  if (typeof got === 'object') return 'got a mapping';
  return `got ${String(got)}`;
}

export function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s || '(top level)';
}

export const str = (expected = 'a text value'): Spec<string> => (v, p, ctx) =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : ctx.fail(p, expected, v);

export const bool = (): Spec<boolean> => (v, p, ctx) => (typeof v === 'boolean' ? v : ctx.fail(p, 'true or false', v));

export const int = (min: number, max = Number.MAX_SAFE_INTEGER): Spec<number> => (v, p, ctx) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? v
    : ctx.fail(p, max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`, v);

export const positive = (expected = 'a positive number'): Spec<number> => (v, p, ctx) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : ctx.fail(p, expected, v);

export const oneOf = <T extends string>(values: readonly T[]): Spec<T> => (v, p, ctx) =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : ctx.fail(p, `one of ${values.join(', ')}`, v);

/** A text value that `parse` accepts; `expected` says what it should look like. */
export const parsed = <T>(expected: string, parse: (s: string) => T | null): Spec<T> => (v, p, ctx) => {
  if (typeof v !== 'string' && typeof v !== 'number') return ctx.fail(p, expected, v);
  const out = parse(String(v).trim());
  return out === null ? ctx.fail(p, expected, v) : out;
};

export const list = <T>(item: Spec<T>, opts: { min?: number; max?: number; expected?: string } = {}): Spec<T[]> => (v, p, ctx) => {
  if (!Array.isArray(v)) return ctx.fail(p, opts.expected ?? 'a list', v);
  // Checked before the entries: a list past its bound is refused without reading each entry.
  if (opts.max !== undefined && v.length > opts.max) return ctx.note(p, `expected at most ${opts.max} entries, got ${v.length}`);
  if (opts.min && v.length < opts.min) return ctx.fail(p, `at least ${opts.min} ${opts.min === 1 ? 'entry' : 'entries'}`, 'got an empty list' as unknown);
  const out: T[] = [];
  let bad = false;
  v.forEach((x, i) => {
    const r = item(x, [...p, i], ctx);
    if (r === INVALID) bad = true;
    else out.push(r);
  });
  return bad ? INVALID : out;
};

/** A mapping from any key to values of one kind (e.g. currency code -> rate). */
export const record = <T>(value: Spec<T>, key?: { test: (k: string) => boolean; expected: string }): Spec<Record<string, T>> => (v, p, ctx) => {
  if (!isMapping(v)) return ctx.fail(p, 'a mapping', v);
  const out: Record<string, T> = {};
  let bad = false;
  for (const [k, x] of Object.entries(v)) {
    if (key && !key.test(k)) { ctx.note([...p, k], `expected ${key.expected}, got '${k}'`); bad = true; continue; }
    const r = value(x, [...p, k], ctx);
    if (r === INVALID) bad = true;
    else out[k] = r;
  }
  return bad ? INVALID : out;
};

type Field<T> = { spec: Spec<T>; optional: true; fallback: T } | { spec: Spec<T>; optional: false };
export const required = <T>(spec: Spec<T>): Field<T> => ({ spec, optional: false });
export const optional = <T>(spec: Spec<T>, fallback: T): Field<T> => ({ spec, optional: true, fallback });

type Fields = Record<string, Field<unknown>>;
type Shape<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** A mapping with known fields; unknown fields are reported (a typo should not pass silently). */
export const object = <F extends Fields>(fields: F, opts: { expected?: string; note?: (k: string) => string | null } = {}): Spec<Shape<F>> => (v, p, ctx) => {
  if (v === null || v === undefined) v = {};
  if (!isMapping(v)) return ctx.fail(p, opts.expected ?? 'a mapping', v);
  const out: Record<string, unknown> = {};
  let bad = false;
  for (const k of Object.keys(v)) {
    if (!(k in fields)) {
      const extra = opts.note?.(k);
      ctx.note([...p, k], extra ?? `unknown field; expected one of ${Object.keys(fields).join(', ')}`);
      bad = true;
    }
  }
  for (const [k, f] of Object.entries(fields)) {
    const x = (v as Record<string, unknown>)[k];
    if ((x === undefined || x === null) && f.optional) { out[k] = f.fallback; continue; }
    const r = f.spec(x, [...p, k], ctx);
    if (r === INVALID) bad = true;
    else out[k] = r;
  }
  return bad ? INVALID : (out as Shape<F>);
};

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
