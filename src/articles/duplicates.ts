// Which articles are the same story: one owner for that decision, for `scan` (a batch) and the bot
// (an index held across polls).
//
// Two articles are the same when
// - they have the same id (the same feed's entry seen twice, or one link without guids), or
// - they have the same canonical link (not a bare home page), or
// - their bodies are near-identical: MinHash over word 5-shingles, candidates from LSH bands, confirmed
//   by an estimated Jaccard similarity of at least 0.4 (or the shorter body 70% contained in the
//   longer), no disagreement in the money figures, round names and leading names they state, and
//   published within 30 days of each other; or
// - their texts are too short to compare that way (fewer than 20 shingles: title-only items, one-line
//   summaries) and their normalised title and summary are equal, published within 7 days.
//
// The title is left out of the compared body: syndicated copies are retitled. Lines that an outlet
// repeats across its own articles (footers, "about us", newsletter pitches, bylines) are left out too,
// and so are stock lines many outlets print: they would make two stories look alike, and they say
// nothing about which story it is. Both are learned from counts over a window of recent articles, and
// a line is only called template or stock when it is frequent *for that window* (a share of it, not a
// bare count of two): a story's own sentence that happens to recur (a company's next round, written
// from the same notes) must stay in the body, or the original and its copy would leave out different
// lines and look less alike than they are. That was why 2 of 200 planted copies went unfound.
//
// What is held per article is small and flat: a 16-bit MinHash signature (256 bytes), its band links,
// a few numbers (shingle count, time, packed figures) and hashed keys; no texts. See `heldBytes`.
// (Until an article's figures are first needed, by a comparison or an export, its lines are kept to
// read them from; the bot exports every article it holds at the end of the poll that read it.)
import type { Article, Sighting } from '../types';
import { canonicalUrl, isSiteRoot } from './canonical-url';
import { FIGURE_SLOTS, figuresOf, namesOf, packedFiguresDisagree, packFigures } from './figures';
import { bandKey, LshIndex, PagedArray } from './lsh';
import { textLines } from './normalise';
import { comparable } from './plain-text';
import { containment, estimateJaccard16, hashString, lineWords, mix32, NUM_HASHES as MINHASH_HASHES, sketch, words32, type LineWords } from './minhash';

/** Read once: an import read through tsx's CommonJS is a getter call on every use, in loops here. */
const NUM_HASHES = MINHASH_HASHES;

export interface DuplicateOptions {
  /** Least estimated Jaccard similarity of two bodies for them to be one story. */
  minSimilarity: number;
  /** Or: least estimated share of the shorter body found in the longer (a copy with sentences dropped). */
  minContainment: number;
  /** Texts with fewer shingles than this are compared by exact title and summary only. */
  minShingles: number;
  /** Most days between the publication of two copies found by their text. */
  maxDaysApart: number;
  /** The same, for copies found by title and summary alone. */
  maxDaysApartShort: number;
  /** How many recent articles per feed teach which lines are that feed's template. */
  templateMemory: number;
  /** How many feeds' templates are kept; the feed seen longest ago is forgotten first. */
  templateFeeds: number;
  /** How many recent distinct articles, across feeds, teach which lines are stock. */
  stockMemory: number;
  /** In how many (at least) and what share of those recent articles a line must appear to be stock. */
  stockMin: number;
  stockShare: number;
  /** Days of publication time per segment of held articles: what `forget` drops at once. */
  segmentDays: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = {
  // Measured on the generated corpus (test/articles/generate.ts, 10,000 articles of about 150
  // compared words, 200 planted copies, seeds 7 to 10): a copy with a sentence reworded, another
  // dropped or added and the outlet's own line above has an exact body Jaccard of 0.50 at worst
  // (estimates within about 0.09 of that, two standard errors); distinct stories written from the
  // same sentence templates share whole stock sentences and sit at 0.1 to 0.3 (they are the bulk of
  // the LSH candidates). 0.4 sits in that
  // gap. The rare distinct pair above it (one template, the same figures by chance) names another
  // company, which the names check catches; the figures check catches a company's other round.
  // On longer articles the same edits cost a copy far less similarity.
  minSimilarity: 0.4,
  // A body with a sentence added or dropped keeps most of the shorter text in the longer (0.64 at
  // worst for the planted copies); distinct stories share well under half of it.
  minContainment: 0.7,
  minShingles: 20,
  maxDaysApart: 30,
  maxDaysApartShort: 7,
  templateMemory: 400,
  templateFeeds: 2000,
  stockMemory: 5000,
  stockMin: 5,
  stockShare: 0.01,
  // A month of stories in about four segments: a check looks in each.
  segmentDays: 8,
};

export type DuplicateReason = 'id' | 'url' | 'text' | 'title';

export interface DuplicateMatch {
  /** The held article this one is a copy of. */
  id: string;
  reason: DuplicateReason;
  /** Estimated Jaccard similarity of the bodies, for reason 'text'. */
  similarity?: number;
}

/** What the index holds of one article, as plain data: for the store, to rebuild the index at start-up. */
export interface DuplicateEntry {
  /** The format of this entry. 2: the signature is a one-permutation MinHash (see minhash.ts). 1: it
   *  was made with 128 hash functions, and cannot be compared with today's; such an entry is imported
   *  without it (the id, link, title and figures still fold copies), and lapses from the store in time. */
  v: 1 | 2;
  id: string;
  /** Hash of the canonical link, or null. */
  url: number | null;
  /** Hash of the normalised title and summary (for short texts), or null. */
  short: number | null;
  /** Publication time, ISO-8601, or null. */
  published: string | null;
  /** How many shingles the body had (0: too short for a signature). */
  shingles: number;
  /** The 16-bit MinHash signature, little-endian, base64; null for a short text. */
  sig: string | null;
  /** The figures the body states, packed (see figures.ts packFigures), little-endian, base64. */
  figures: string;
}

/** What the index reads from an article once: kept for the check and, when distinct, for holding. */
interface Fingerprint {
  url: number | null;
  short: number | null;
  sig: Uint16Array | null;
  keys: Int32Array | null;
  shingles: number;
  /** The packed figures, worked out on first use: most articles never meet a body alike enough for
   *  their figures to be compared, and reading them costs more than the rest of the fingerprint. */
  figures: () => Int32Array;
  time: number;
}

/** `compute` once, on the first call. */
function once(compute: () => Int32Array): () => Int32Array {
  let value: Int32Array | null = null;
  return () => (value ??= compute());
}

/** Known boilerplate lines of feeds in general, whatever the outlet. */
const STOCK_LINE = /^(?:the post .{1,300} appeared first on .{1,120}|this (?:article|story|post) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in|at) .{1,120}|(?:read|continue reading|read more|related|share this|subscribe|sign up)\b.{0,80})$/i;

/** How often lines occur over a window of the most recent articles (each article's lines counted once).
 *  Memory is bounded by the window: the lines of the articles in it, and their counts. */
class LineWindow {
  private counts = new Map<number, number>();
  private recent: Int32Array[] = [];
  private head = 0;
  private ids = new Set<string>();
  private order: string[] = [];
  constructor(private memory: number) {}

  get size(): number {
    return this.recent.length;
  }

  add(id: string, lines: Int32Array): void {
    if (this.ids.has(id)) return;
    for (const l of lines) this.counts.set(l, (this.counts.get(l) ?? 0) + 1);
    if (this.recent.length < this.memory) {
      this.recent.push(lines);
      this.order.push(id);
      this.ids.add(id);
      return;
    }
    // The window is full: the oldest article leaves it.
    const old = this.recent[this.head];
    for (const l of old) {
      const n = (this.counts.get(l) ?? 1) - 1;
      if (n > 0) this.counts.set(l, n);
      else this.counts.delete(l);
    }
    this.ids.delete(this.order[this.head]);
    this.recent[this.head] = lines;
    this.order[this.head] = id;
    this.ids.add(id);
    this.head = (this.head + 1) % this.memory;
  }

  count(line: number): number {
    return this.counts.get(line) ?? 0;
  }
}

/** Lines each feed repeats across its own articles. A line is template when the feed wrote it in at
 *  least two of its recent articles and in at least 2% of them: a footer is in nearly all, a sentence
 *  of a story that recurs (the same company's next round) in one or two of hundreds. */
class TemplateLines {
  private feeds = new Map<string, LineWindow>();
  constructor(private memory: number, private maxFeeds: number) {}

  observe(feed: string, id: string, lines: Int32Array): void {
    let w = this.feeds.get(feed);
    if (w) this.feeds.delete(feed);
    else w = new LineWindow(this.memory);
    // Map order is insertion order: re-inserting keeps the feeds seen most recently last.
    this.feeds.set(feed, w);
    if (this.feeds.size > this.maxFeeds) {
      const oldest = this.feeds.keys().next().value;
      if (oldest !== undefined) this.feeds.delete(oldest);
    }
    w.add(id, lines);
  }

  isTemplate(feed: string, line: number): boolean {
    const w = this.feeds.get(feed);
    if (!w) return false;
    const n = w.count(line);
    return n >= 2 && n >= 0.02 * w.size;
  }
}

/** Lines many distinct articles print, across feeds: stock phrases ("Funding for AI start-ups has
 *  climbed this year"), press-release boilerplate. Counted only for articles held as distinct: copies
 *  of one story must not turn the story's own sentences into stock. */
class StockLines {
  private window: LineWindow;
  constructor(memory: number, private min: number, private share: number) {
    this.window = new LineWindow(memory);
  }
  add(id: string, lines: Int32Array): void {
    this.window.add(id, lines);
  }
  has(line: number): boolean {
    const n = this.window.count(line);
    return n >= this.min && n >= this.share * this.window.size;
  }
}

interface BodyLines {
  /** Each body line as written (for figures). */
  texts: string[];
  /** Each body line's hash as compared (see plain-text's comparable): its identity for the template
   *  and stock counts. */
  hashes: Int32Array;
  /** The words of the body lines as compared, hashed: line i of `texts` is line i here. */
  words: LineWords;
}

/** The body lines of an article: its text without the title line, known boilerplate and repeats. */
function bodyLines(a: Article): BodyLines {
  const head = comparable(a.title);
  const texts: string[] = [];
  const compared: string[] = [];
  // Made comparable once, when the text was made (normalise), not again here.
  const { written: lines, compared: all } = textLines(a);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (STOCK_LINE.test(line.trim())) continue;
    const c = all[i];
    if (!c || c === head) continue;
    texts.push(line);
    compared.push(c);
  }
  const words = lineWords(compared);
  // A line the text repeats counts once.
  const seen = new Set<number>();
  const keep: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const h = words.lines[i];
    if (seen.has(h)) continue;
    seen.add(h);
    keep.push(i);
  }
  if (keep.length === texts.length) return { texts, hashes: words.lines, words };
  return { texts: keep.map((i) => texts[i]), hashes: Int32Array.from(keep, (i) => words.lines[i]), words: lineWords(keep.map((i) => compared[i])) };
}

/** Held signatures in fixed pages, each page read as 16-bit values (band keys, export) and as 32-bit
 *  words (estimateJaccard16). */
class Signatures {
  private pages16: Uint16Array[] = [];
  private pages32: Uint32Array[] = [];

  /** Makes room for document `doc`. */
  reserve(doc: number): void {
    while (this.pages16.length <= doc >>> SIG_PAGE_BITS) {
      const buffer = new ArrayBuffer(SIG_PAGE_DOCS * NUM_HASHES * 2);
      this.pages16.push(new Uint16Array(buffer));
      this.pages32.push(new Uint32Array(buffer));
    }
  }

  page16(doc: number): Uint16Array {
    return this.pages16[doc >>> SIG_PAGE_BITS];
  }

  offset16(doc: number): number {
    return (doc & (SIG_PAGE_DOCS - 1)) * NUM_HASHES;
  }

  page32(doc: number): Uint32Array {
    return this.pages32[doc >>> SIG_PAGE_BITS];
  }

  offset32(doc: number): number {
    return (doc & (SIG_PAGE_DOCS - 1)) * (NUM_HASHES / 2);
  }

  get bytes(): number {
    return this.pages16.length * SIG_PAGE_DOCS * NUM_HASHES * 2;
  }
}

const SIG_PAGE_BITS = 12;
const SIG_PAGE_DOCS = 1 << SIG_PAGE_BITS;

/** A 53-bit hash of a string: two 32-bit hashes, so 100,000 keys collide with chance about 1e-6. */
function hash53(s: string): number {
  const lo = hashString(s) >>> 0;
  const hi = mix32(hashString(`\u0001${s}`)) >>> 11;
  return hi * 0x100000000 + lo;
}

/** The version of DuplicateEntry written now. */
const ENTRY_VERSION = 2;

/** Words of comparable text (single spaces between them): its spaces and one. */
function wordCount(c: string): number {
  let n = 1;
  for (let i = 0; i < c.length; i++) if (c.charCodeAt(i) === 32) n++;
  return n;
}

const DAY = 86_400_000;
const timeOf = (iso: string | null): number => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : NaN;
};
const withinDays = (a: number, b: number, days: number): boolean => Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) <= days * DAY;

// Little-endian, as every platform Node runs on holds typed arrays.
const toBase64 = (a: Uint16Array | Int32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromBase64(s: string): Uint16Array | null {
  const b = Buffer.from(s, 'base64');
  if (b.length !== NUM_HASHES * 2) return null;
  const out = new Uint16Array(NUM_HASHES);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/** The documents held in one segment of an index (see DuplicateIndex): numbered 0, 1, 2 ... in the
 *  order held, in flat typed arrays. */
class HeldDocs {
  readonly ids: string[] = [];
  readonly byId = new Map<string, number>();
  readonly byUrl = new Map<number, number>();
  readonly byShort = new Map<number, number>();
  readonly sigs = new Signatures();
  readonly sizes = new PagedArray((n) => new Uint16Array(n), 1);
  readonly times = new PagedArray((n) => new Float64Array(n), 1);
  /** The link and title keys of each held document (NaN for none), for export. */
  readonly keys = new PagedArray((n) => new Float64Array(n), 2);
  readonly figs = new PagedArray((n) => new Int32Array(n), FIGURE_SLOTS);
  /** Held documents whose figures have not been needed yet, and how to work them out (from lines
   *  captured when the document was fingerprinted, so the answer is the same whenever it is asked). */
  private pendingFigures = new Map<number, () => Int32Array>();
  private readonly bands = new LshIndex((doc, band) => bandKey(this.sigs.page16(doc), this.sigs.offset16(doc), band));

  /** The band index over every document held: those held since it was last read are added first, all
   *  at once, so that an index read from the store sizes its table once rather than growing it. */
  get lsh(): LshIndex {
    const lsh = this.bands;
    if (lsh.size < this.ids.length) {
      lsh.reserve(this.ids.length);
      for (let doc = lsh.size; doc < this.ids.length; doc++) {
        if (this.sizes.get(doc) > 0) lsh.add(LshIndex.bandKeys(this.sigs.page16(doc), this.sigs.offset16(doc)));
        else lsh.skip();
      }
    }
    return lsh;
  }

  get heldBytes(): number {
    return this.sigs.bytes + this.sizes.bytes + this.times.bytes + this.keys.bytes + this.figs.bytes + this.lsh.bytes;
  }

  hold(id: string, fp: Fingerprint): number {
    const doc = this.ids.length;
    this.ids.push(id);
    this.byId.set(id, doc);
    if (fp.url !== null && !this.byUrl.has(fp.url)) this.byUrl.set(fp.url, doc);
    if (fp.short !== null && !this.byShort.has(fp.short)) this.byShort.set(fp.short, doc);
    this.times.set(doc, 0, fp.time);
    this.keys.set(doc, 0, fp.url ?? NaN);
    this.keys.set(doc, 1, fp.short ?? NaN);
    this.sizes.set(doc, 0, fp.sig ? fp.shingles : 0);
    this.pendingFigures.set(doc, fp.figures);
    this.sigs.reserve(doc);
    // Into the band index when it is next read (see lsh), from the signature kept here.
    if (fp.sig) this.sigs.page16(doc).set(fp.sig, this.sigs.offset16(doc));
    return doc;
  }

  /** The page holding a held document's packed figures (at `figs.offset(doc)`), worked out first if need be. */
  heldFigures(doc: number): Int32Array {
    const page = this.figs.page(doc);
    const pending = this.pendingFigures.get(doc);
    if (pending) {
      page.set(pending(), this.figs.offset(doc));
      this.pendingFigures.delete(doc);
    }
    return page;
  }

  exportEntry(doc: number): DuplicateEntry {
    const shingleCount = this.sizes.get(doc);
    const page = this.sigs.page16(doc);
    const offset = this.sigs.offset16(doc);
    const figs = this.heldFigures(doc);
    const figsAt = this.figs.offset(doc);
    const time = this.times.get(doc);
    return {
      v: ENTRY_VERSION,
      id: this.ids[doc],
      url: orNull(this.keys.get(doc, 0)),
      short: orNull(this.keys.get(doc, 1)),
      published: Number.isNaN(time) ? null : new Date(time).toISOString(),
      shingles: shingleCount,
      sig: shingleCount > 0 ? toBase64(page.slice(offset, offset + NUM_HASHES)) : null,
      figures: toBase64(figs.slice(figsAt, figsAt + FIGURE_SLOTS)),
    };
  }
}

/** One segment of an index: the documents published within one span of time (`key` × the span). */
interface Segment {
  key: number;
  docs: HeldDocs;
}

/** An index of distinct articles that answers "is this one a copy of one held?" at a cost that does
 *  not grow with the number held. The bot keeps one across polls; `foldDuplicates` uses one per batch.
 *
 *  Held documents are kept in segments by publication time (`segmentDays` each), so that a long-lived
 *  index forgets the oldest a segment at a time (`forget`): nothing is rebuilt or read again. A check
 *  looks in every segment; there are few (the memory over the span), so its cost stays bounded. */
export class DuplicateIndex {
  readonly options: DuplicateOptions;
  /** Oldest first. */
  private segments: Segment[] = [];
  /** The segment holding each held id. */
  private where = new Map<string, HeldDocs>();
  private templates: TemplateLines;
  private stock: StockLines;
  private cache = new WeakMap<Article, Fingerprint>();
  private lineCache = new WeakMap<Article, BodyLines>();
  /** The time undated and future-dated articles are placed at: the last `forget`'s `now`. */
  private now = NaN;
  /** The newest publication time held, for placing undated articles before any `forget`. */
  private latest = NaN;

  constructor(options: Partial<DuplicateOptions> = {}) {
    this.options = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
    this.templates = new TemplateLines(this.options.templateMemory, this.options.templateFeeds);
    this.stock = new StockLines(this.options.stockMemory, this.options.stockMin, this.options.stockShare);
  }

  get size(): number {
    let n = 0;
    for (const s of this.segments) n += s.docs.ids.length;
    return n;
  }

  /** Bytes of the typed arrays held (signatures, band index, numbers); ids and key maps come on top. */
  get heldBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.docs.heldBytes;
    return n;
  }

  /**
   * Forgets every held article published before `cutoff` (an undated one counts as published when
   * it was held), a whole segment at a time: an article may be kept up to one segment's span longer.
   * `now` places undated and future-dated articles from here on. Returns how many were forgotten.
   */
  forget(cutoff: number, now: number): number {
    this.now = now;
    const span = this.options.segmentDays * DAY;
    let dropped = 0;
    this.segments = this.segments.filter((s) => {
      const keep = !((s.key + 1) * span <= cutoff);
      if (!keep) {
        dropped += s.docs.ids.length;
        for (const id of s.docs.ids) this.where.delete(id);
      }
      return keep;
    });
    return dropped;
  }

  /** Teaches the index the article's lines, so lines its feed repeats are known as template. `add`
   *  does this too (`check` does not: a copy's lines, printed again, are no template of its feed); a
   *  batch calls it for every article first, so the order does not matter. */
  observe(a: Article): void {
    this.templates.observe(a.feed, a.id, this.linesOf(a).hashes);
  }

  private linesOf(a: Article): BodyLines {
    let lines = this.lineCache.get(a);
    if (!lines) this.lineCache.set(a, (lines = bodyLines(a)));
    return lines;
  }

  private find(id: string): { docs: HeldDocs; doc: number } | undefined {
    const docs = this.where.get(id);
    const doc = docs?.byId.get(id);
    return docs && doc !== undefined ? { docs, doc } : undefined;
  }

  /** The held article `a` is a copy of, or null when it is a story of its own. Does not hold `a`. */
  check(a: Article): DuplicateMatch | null {
    if (this.where.has(a.id)) return { id: a.id, reason: 'id' };
    const fp = this.fingerprint(a);
    if (fp.url !== null) {
      for (const { docs } of this.segments) {
        const u = docs.byUrl.get(fp.url);
        if (u !== undefined) return { id: docs.ids[u], reason: 'url' };
      }
    }
    const o = this.options;
    if (fp.sig && fp.keys) {
      const sig = words32(fp.sig);
      let best: { docs: HeldDocs; doc: number } | null = null;
      let bestJ = 0;
      // Oldest segment first, and a later one wins only when more similar: among equals the one held
      // longest, so the answer does not depend on bucket or segment order.
      for (const { docs } of this.segments) {
        let segDoc = -1;
        let segJ = 0;
        docs.lsh.candidates(fp.keys, (doc) => {
          const j = estimateJaccard16(sig, 0, docs.sigs.page32(doc), docs.sigs.offset32(doc));
          const size = docs.sizes.get(doc);
          if (j < o.minSimilarity && containment(j, fp.shingles, size) < o.minContainment) return;
          if (j < segJ || (j === segJ && doc > segDoc)) return;
          if (!withinDays(fp.time, docs.times.get(doc), o.maxDaysApart)) return;
          if (packedFiguresDisagree(fp.figures(), 0, docs.heldFigures(doc), docs.figs.offset(doc))) return;
          segDoc = doc;
          segJ = j;
        });
        if (segDoc >= 0 && (best === null || segJ > bestJ)) {
          best = { docs, doc: segDoc };
          bestJ = segJ;
        }
      }
      if (best) return { id: best.docs.ids[best.doc], reason: 'text', similarity: bestJ };
    }
    if (fp.short !== null) {
      for (const { docs } of this.segments) {
        const s = docs.byShort.get(fp.short);
        if (s === undefined || !withinDays(fp.time, docs.times.get(s), o.maxDaysApartShort)) continue;
        if (!packedFiguresDisagree(fp.figures(), 0, docs.heldFigures(s), docs.figs.offset(s))) return { id: docs.ids[s], reason: 'title' };
      }
    }
    return null;
  }

  /** Holds `a` as a distinct article. */
  add(a: Article): void {
    if (this.where.has(a.id)) return;
    this.observe(a);
    const fp = this.fingerprint(a);
    this.stock.add(a.id, this.linesOf(a).hashes);
    this.hold(a.id, fp);
  }

  /** `check`, then `add` when distinct. */
  checkAndAdd(a: Article): DuplicateMatch | null {
    const m = this.check(a);
    if (!m) this.add(a);
    return m;
  }

  /** What the index holds of a held article, as plain data for the store; undefined when not held. */
  exportEntry(id: string): DuplicateEntry | undefined {
    const at = this.find(id);
    return at && at.docs.exportEntry(at.doc);
  }

  /** Holds an article from its exported entry (at start-up, from the store). False when the entry is
   *  not one this version reads, or the id is held already. An entry of version 1 is held without its
   *  signature, which no signature made now could be compared with. */
  importEntry(e: DuplicateEntry): boolean {
    if ((e?.v !== ENTRY_VERSION && e?.v !== 1) || typeof e.id !== 'string' || this.where.has(e.id)) return false;
    const sig = e.sig && e.v === ENTRY_VERSION ? fromBase64(e.sig) : null;
    const figBytes = Buffer.from(e.figures ?? '', 'base64');
    if ((e.sig && e.v === ENTRY_VERSION && !sig) || figBytes.length !== FIGURE_SLOTS * 4) return false;
    const figures = new Int32Array(FIGURE_SLOTS);
    new Uint8Array(figures.buffer).set(figBytes);
    const { docs, doc } = this.hold(e.id, {
      url: typeof e.url === 'number' ? e.url : null,
      short: typeof e.short === 'number' ? e.short : null,
      sig,
      // Worked out from the signature as the band index takes it in.
      keys: null,
      shingles: sig ? Math.max(1, Math.min(0xffff, e.shingles | 0)) : 0,
      figures: () => figures,
      time: timeOf(e.published),
    });
    // Known already: into the page at once, rather than held as one more pending entry per article.
    docs.heldFigures(doc);
    return true;
  }

  private hold(id: string, fp: Fingerprint): { docs: HeldDocs; doc: number } {
    const docs = this.segmentFor(fp.time);
    if (!Number.isNaN(fp.time) && !(fp.time <= this.latest)) this.latest = fp.time;
    this.where.set(id, docs);
    return { docs, doc: docs.hold(id, fp) };
  }

  /** The segment an article published at `time` goes in, made if need be. */
  private segmentFor(time: number): HeldDocs {
    const place = Number.isNaN(time) || time > this.now ? (Number.isNaN(this.now) ? (Number.isNaN(time) ? this.latest : time) : this.now) : time;
    const key = Number.isNaN(place) ? 0 : Math.floor(place / (this.options.segmentDays * DAY)) || 0;
    let i = this.segments.length;
    while (i > 0 && this.segments[i - 1].key > key) i--;
    if (i > 0 && this.segments[i - 1].key === key) return this.segments[i - 1].docs;
    const docs = new HeldDocs();
    this.segments.splice(i, 0, { key, docs });
    return docs;
  }

  private fingerprint(a: Article): Fingerprint {
    const cached = this.cache.get(a);
    if (cached) return cached;
    const all = this.linesOf(a);
    const kept = new Uint8Array(all.texts.length);
    const keptTexts: string[] = [];
    for (let i = 0; i < all.texts.length; i++) {
      const h = all.hashes[i];
      if (this.templates.isTemplate(a.feed, h) || this.stock.has(h)) continue;
      kept[i] = 1;
      keptTexts.push(all.texts[i]);
    }
    const sk = sketch(all.words, (i) => kept[i] === 1);
    const url = a.canonicalUrl ?? canonicalUrl(a.url);
    const titleAndSummary = comparable(`${a.title} ${a.summary}`);
    const sig = sk.shingles >= this.options.minShingles ? sk.sig : null;
    // Figures from every body line, template or not, so that the two sides of a pair read them from
    // the same text whatever each side's feed has taught (from the title and summary when there is no
    // body; never from the title: a retitled copy may lead with another of the story's figures).
    // Names from the compared lines only: an outlet's name fills its own byline and footer.
    const texts = all.texts;
    const fallback = `${a.title}\n${a.summary}`;
    const figures = once(() => {
      const stated = texts.join('\n') || fallback;
      const packed = new Int32Array(FIGURE_SLOTS);
      packFigures(figuresOf(stated), namesOf(keptTexts.join('\n') || stated), packed, 0);
      return packed;
    });
    const fp: Fingerprint = {
      url: url && !isSiteRoot(url) ? hash53(url) : null,
      // A few words ("Funding roundup") are not enough to call two items one.
      short: wordCount(titleAndSummary) >= 4 ? hash53(titleAndSummary) : null,
      sig,
      keys: sig ? LshIndex.bandKeys(sig) : null,
      shingles: Math.min(0xffff, sk.shingles),
      figures,
      time: timeOf(a.published),
    };
    this.cache.set(a, fp);
    return fp;
  }
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

const sightingOf = (a: Article): Sighting => ({ source: a.source, feed: a.feed, url: a.url });
const sameSighting = (x: Sighting, y: Sighting): boolean => x.source === y.source && x.feed === y.feed && x.url === y.url;

/** Folds articles that are the same story; the survivor keeps every place the story was seen.
 *  The survivor is the earliest published (then the smallest id), whatever order the feeds came in;
 *  survivors keep the order in which they were given.
 *
 *  Given an index held across polls, an article that is a copy (by text or title) of one held from an
 *  earlier batch is not returned: it is that story again, and `onEarlier` hears of it so the caller can
 *  note the sighting. An article with the id or link of an earlier one is returned as itself (the same
 *  item again, perhaps corrected): what to do with it is the caller's to decide. */
export function foldDuplicates(
  articles: Article[],
  index?: DuplicateIndex,
  onEarlier?: (copy: Article, match: DuplicateMatch) => void,
): Article[] {
  // A batch learns each feed's template from all of its articles, so that every article of the batch
  // is read against the same template, whatever its place in the batch.
  index ??= new DuplicateIndex({
    templateMemory: Math.max(DEFAULT_DUPLICATE_OPTIONS.templateMemory, articles.length),
    stockMemory: Math.max(DEFAULT_DUPLICATE_OPTIONS.stockMemory, articles.length),
    // A batch is never forgotten: one segment.
    segmentDays: Infinity,
  });
  const order = articles.map((a, i) => ({ a, i, t: timeOf(a.published) }));
  order.sort((x, y) => {
    const tx = Number.isNaN(x.t) ? Infinity : x.t;
    const ty = Number.isNaN(y.t) ? Infinity : y.t;
    return tx - ty || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : x.i - y.i);
  });
  for (const { a } of order) index.observe(a);

  const survivors = new Map<string, { a: Article; i: number }>();
  for (const { a, i } of order) {
    const m = index.check(a);
    const into = m ? survivors.get(m.id) : undefined;
    if (!into) {
      if (m && m.reason !== 'id' && m.reason !== 'url') {
        onEarlier?.(a, m);
        continue;
      }
      if (!m) index.add(a);
      if (!survivors.has(a.id)) survivors.set(a.id, { a: { ...a, duplicates: [...a.duplicates] }, i });
      continue;
    }
    const dups = into.a.duplicates;
    const own = sightingOf(into.a);
    for (const s of [sightingOf(a), ...a.duplicates]) {
      if (!sameSighting(s, own) && !dups.some((d) => sameSighting(d, s))) dups.push(s);
    }
  }
  return [...survivors.values()].sort((x, y) => x.i - y.i).map((s) => s.a);
}
