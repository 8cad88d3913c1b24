// Links as absolute URLs. Feeds write relative links freely; they are read against xml:base,
// then the feed's own link, then the address the feed came from.

/** `ref` resolved against `base`; `ref` unchanged when it cannot be (no usable base, or not a URL). */
export function resolveUrl(ref: string | null | undefined, ...bases: (string | null | undefined)[]): string | null {
  const r = ref?.trim().replace(/\s+/g, '');
  if (!r) return null;
  if (isAbsolute(r)) return r;
  for (const b of bases) {
    if (!b || !isAbsolute(b)) continue;
    try {
      return new URL(r, b).href;
    } catch {
      /* try the next base */
    }
  }
  return r;
}

export const isAbsolute = (u: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(u) && !/^[a-z]:\\/i.test(u);

/** The base in effect for a chain of xml:base values, outermost first. */
export function chainBase(outer: string | null, xmlBase: string | undefined): string | null {
  if (!xmlBase) return outer;
  return resolveUrl(xmlBase, outer) ?? outer;
}
