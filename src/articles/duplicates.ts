// Which articles are the same story: one owner for that decision, for `scan` (a batch) and the bot
// (an index held across polls).
//
// Two articles are the same when
// - they have the same id (the same feed's entry seen twice, or one link without guids), or
// - they have the same canonical link (not a bare home page), or
// - their bodies are near-identical: MinHash over word 5-shingles, candidates from LSH bands, confirmed
//   by an estimated Jaccard similarity of at least 0.5, and no disagreement in the money figures and
//   round names they state, and published within 30 days of each other; or
// - their texts are too short to compare that way (fewer than 20 shingles: title-only items, one-line
//   summaries) and their normalised title and summary are equal, published within 7 days.
//
// The title is left out of the compared body: syndicated copies are retitled. Lines that an outlet
// repeats across its own articles (footers, "about us", newsletter pitches) are left out too: they
// would make two of its stories look alike, and they say nothing about which story it is.
import type { Article, Sighting } from '../types';
import { canonicalUrl, isSiteRoot } from './canonical-url';
import { figuresDisagree, figuresOf, type Figures } from './figures';
import { BANDS, LshIndex } from './lsh';
import { estimateJaccard, hashString, NUM_HASHES, shingles, signature, splitWords } from './minhash';
import { comparable } from './plain-text';

export interface DuplicateOptions {
  /** Least estimated Jaccard similarity of two bodies for them to be one story. */
  minSimilarity: number;
  /** Texts with fewer shingles than this are compared by exact title and summary only. */
  minShingles: number;
  /** Most days between the publication of two copies found by their text. */
  maxDaysApart: number;
  /** The same, for copies found by title and summary alone. */
  maxDaysApartShort: number;
  /** How many recent articles per feed teach which lines are that feed's template. */
  templateMemory: number;
  /** In how many distinct articles a line must appear, across feeds, to be stock text. */
  stockMin: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = {
  minSimilarity: 0.5,
  minShingles: 20,
  maxDaysApart: 30,
  maxDaysApartShort: 7,
  templateMemory: 400,
  stockMin: 5,
};

export type DuplicateReason = 'id' | 'url' | 'text' | 'title';

export interface DuplicateMatch {
  /** The held article this one is a copy of. */
  id: string;
  reason: DuplicateReason;
  /** Estimated Jaccard similarity of the bodies, for reason 'text'. */
  similarity?: number;
}

/** What the index reads from an article once: kept for the check and, when distinct, for holding. */
interface Fingerprint {
  url: string | null;
  shortKey: string | null;
  sig: Int32Array | null;
  figures: Figures;
  time: number;
}

/** Known boilerplate lines of feeds in general, whatever the outlet. */
const STOCK_LINE = /^(?:the post .{1,300} appeared first on .{1,120}|this (?:article|story|post) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in|at) .{1,120}|(?:read|continue reading|read more|related|share this|subscribe|sign up)\b.{0,80})$/i;

/** Lines each feed repeats across its own articles, learned from its most recent ones. */
class TemplateLines {
  private feeds = new Map<string, { counts: Map<number, number>; recent: { id: string; lines: number[] }[]; ids: Set<string> }>();
  constructor(private memory: number) {}

  observe(feed: string, id: string, lines: number[]): void {
    let f = this.feeds.get(feed);
    if (!f) this.feeds.set(feed, (f = { counts: new Map(), recent: [], ids: new Set() }));
    if (f.ids.has(id)) return;
    f.ids.add(id);
    for (const l of lines) f.counts.set(l, (f.counts.get(l) ?? 0) + 1);
    f.recent.push({ id, lines });
    if (f.recent.length > this.memory) {
      const old = f.recent.shift();
      if (!old) return;
      f.ids.delete(old.id);
      for (const l of old.lines) {
        const n = (f.counts.get(l) ?? 1) - 1;
        if (n > 0) f.counts.set(l, n);
        else f.counts.delete(l);
      }
    }
  }

  /** A line the feed has written in at least two of its articles (this one counted, once observed). */
  isTemplate(feed: string, line: number): boolean {
    return (this.feeds.get(feed)?.counts.get(line) ?? 0) >= 2;
  }
}

interface BodyLine {
  text: string;
  /** The line as compared: see plain-text's comparable. */
  words: string;
  hash: number;
}

/** The body lines of an article: its text without the title line, stock lines and repeats. */
function bodyLines(a: Article): BodyLine[] {
  const head = comparable(a.title);
  const out: BodyLine[] = [];
  const seen = new Set<number>();
  for (const line of a.text.split('\n')) {
    if (STOCK_LINE.test(line.trim())) continue;
    const c = comparable(line);
    if (!c || c === head) continue;
    const hash = hashString(c);
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.push({ text: line, words: c, hash });
  }
  return out;
}

/** Lines (paragraphs) that many distinct articles share, across feeds: stock phrases ("Funding for AI
 *  start-ups has climbed this year"), press-release boilerplate. Counted in a fixed table (a sentence's
 *  count may be shared with the odd other sentence, which only ever errs towards "stock"), and only for
 *  articles held as distinct: copies of one story must not turn the story's own sentences into stock. */
class StockSentences {
  private counts = new Uint8Array(1 << 22);
  constructor(private min: number) {}
  add(hashes: number[]): void {
    for (const h of hashes) {
      const i = h & (this.counts.length - 1);
      if (this.counts[i] < 255) this.counts[i]++;
    }
  }
  has(hash: number): boolean {
    return this.counts[hash & (this.counts.length - 1)] >= this.min;
  }
}

const DAY = 86_400_000;
const timeOf = (iso: string | null): number => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : NaN;
};
const withinDays = (a: number, b: number, days: number): boolean => Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) <= days * DAY;

/** An index of distinct articles that answers "is this one a copy of one held?" at a cost that does
 *  not grow with the number held. The bot keeps one across polls; `foldDuplicates` uses one per batch. */
export class DuplicateIndex {
  readonly options: DuplicateOptions;
  private ids: string[] = [];
  private byId = new Map<string, number>();
  private byUrl = new Map<string, number>();
  private byShort = new Map<string, number>();
  private sigs = new Int32Array(NUM_HASHES * 256);
  private times: number[] = [];
  private figures: Figures[] = [];
  private lsh = new LshIndex();
  private templates: TemplateLines;
  private stock: StockSentences;
  private cache = new WeakMap<Article, Fingerprint>();
  private lineCache = new WeakMap<Article, BodyLine[]>();

  constructor(options: Partial<DuplicateOptions> = {}) {
    this.options = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
    this.templates = new TemplateLines(this.options.templateMemory);
    this.stock = new StockSentences(this.options.stockMin);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Teaches the index the article's lines, so lines its feed repeats are known as template. `check`
   *  and `add` do this too; a batch calls it for every article first, so the order does not matter. */
  observe(a: Article): void {
    this.templates.observe(a.feed, a.id, this.linesOf(a).map((l) => l.hash));
  }

  private linesOf(a: Article): BodyLine[] {
    let lines = this.lineCache.get(a);
    if (!lines) this.lineCache.set(a, (lines = bodyLines(a)));
    return lines;
  }

  /** The held article `a` is a copy of, or null when it is a story of its own. Does not hold `a`. */
  check(a: Article): DuplicateMatch | null {
    const held = this.byId.get(a.id);
    if (held !== undefined) return { id: this.ids[held], reason: 'id' };
    const fp = this.fingerprint(a);
    if (fp.url) {
      const u = this.byUrl.get(fp.url);
      if (u !== undefined) return { id: this.ids[u], reason: 'url' };
    }
    const o = this.options;
    if (fp.sig) {
      const sig = fp.sig;
      const best = { doc: -1, j: 0 };
      this.lsh.candidates(LshIndex.bandKeys(sig), (doc) => {
        const j = estimateJaccard(sig, this.sigs, 0, doc * NUM_HASHES);
        // The most similar wins; among equals the one held longest, so the answer does not depend on bucket order.
        if (j < o.minSimilarity || j < best.j || (j === best.j && doc > best.doc)) return;
        if (!withinDays(fp.time, this.times[doc], o.maxDaysApart)) return;
        if (figuresDisagree(fp.figures, this.figures[doc])) return;
        best.doc = doc;
        best.j = j;
      });
      if (best.doc >= 0) return { id: this.ids[best.doc], reason: 'text', similarity: best.j };
    }
    if (fp.shortKey) {
      const s = this.byShort.get(fp.shortKey);
      if (s !== undefined && withinDays(fp.time, this.times[s], o.maxDaysApartShort) && !figuresDisagree(fp.figures, this.figures[s])) {
        return { id: this.ids[s], reason: 'title' };
      }
    }
    return null;
  }

  /** Holds `a` as a distinct article. */
  add(a: Article): void {
    if (this.byId.has(a.id)) return;
    const fp = this.fingerprint(a);
    const doc = this.ids.length;
    this.ids.push(a.id);
    this.byId.set(a.id, doc);
    if (fp.url && !this.byUrl.has(fp.url)) this.byUrl.set(fp.url, doc);
    if (fp.shortKey && !this.byShort.has(fp.shortKey)) this.byShort.set(fp.shortKey, doc);
    this.stock.add(this.linesOf(a).map((l) => l.hash));
    this.times.push(fp.time);
    this.figures.push(fp.figures);
    if ((doc + 1) * NUM_HASHES > this.sigs.length) {
      const bigger = new Int32Array(this.sigs.length * 2);
      bigger.set(this.sigs);
      this.sigs = bigger;
    }
    if (fp.sig) {
      this.sigs.set(fp.sig, doc * NUM_HASHES);
      this.lsh.add(LshIndex.bandKeys(fp.sig));
    } else {
      // A text too short for a signature takes its number in the band index with keys no signature has.
      this.lsh.add(new Int32Array(BANDS).fill(doc ^ 0x25a5a5a5));
    }
  }

  /** `check`, then `add` when distinct. */
  checkAndAdd(a: Article): DuplicateMatch | null {
    const m = this.check(a);
    if (!m) this.add(a);
    return m;
  }

  private fingerprint(a: Article): Fingerprint {
    const cached = this.cache.get(a);
    if (cached) return cached;
    this.observe(a);
    const lines = this.linesOf(a).filter((l) => !this.templates.isTemplate(a.feed, l.hash) && !this.stock.has(l.hash));
    const body = lines.map((l) => l.text).join('\n');
    const sh = shingles(splitWords(lines.map((l) => l.words).join(' ')));
    const url = a.canonicalUrl ?? canonicalUrl(a.url);
    const titleAndSummary = comparable(`${a.title} ${a.summary}`);
    const fp: Fingerprint = {
      url: url && !isSiteRoot(url) ? url : null,
      // A few words ("Funding roundup") are not enough to call two items one.
      shortKey: titleAndSummary.split(' ').length >= 4 ? titleAndSummary : null,
      sig: sh.length >= this.options.minShingles ? signature(sh) : null,
      // From the body alone: a retitled copy may lead its headline with another of the story's figures.
      figures: figuresOf(body || `${a.title}\n${a.summary}`),
      time: timeOf(a.published),
    };
    this.cache.set(a, fp);
    return fp;
  }
}

const sightingOf = (a: Article): Sighting => ({ source: a.source, feed: a.feed, url: a.url });
const sameSighting = (x: Sighting, y: Sighting): boolean => x.source === y.source && x.feed === y.feed && x.url === y.url;

/** Folds articles that are the same story; the survivor keeps every place the story was seen.
 *  The survivor is the earliest published (then the smallest id), whatever order the feeds came in;
 *  survivors keep the order in which they were given. */
export function foldDuplicates(articles: Article[], index?: DuplicateIndex): Article[] {
  // A batch learns each feed's template from all of its articles, so that every article of the batch
  // is read against the same template, whatever its place in the batch.
  index ??= new DuplicateIndex({ templateMemory: Math.max(DEFAULT_DUPLICATE_OPTIONS.templateMemory, articles.length) });
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
      index.add(a);
      survivors.set(a.id, { a: { ...a, duplicates: [...a.duplicates] }, i });
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
