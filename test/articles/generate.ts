// Deterministic, realistic-looking funding news for duplicate tests and benchmarks: many outlets, each
// with its own template (byline, footer), many companies that raise more than once, and syndicated
// copies planted with light edits (a new title, a sentence rewritten, often a paragraph dropped, a
// sentence added or a line of the outlet's own above the story; another outlet's byline, footer and
// URL with tracking parameters; a day or two later). All prose here is written for these tests.
import { mulberry32 } from '../../src/articles/minhash';
import { toArticles } from '../../src/articles/normalise';
import type { Article, FeedDocument, FeedEntry } from '../../src/types';

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number): boolean => r() < p;

const STEMS = ['Nova', 'Quill', 'Lumen', 'Pylon', 'Orbit', 'Cinder', 'Vela', 'Kestrel', 'Marlow', 'Tessel', 'Arbor', 'Halcyon', 'Ferro', 'Sable', 'Zenith', 'Corvid', 'Myriad', 'Obsidian', 'Praxis', 'Quanta', 'Rook', 'Solace', 'Tangent', 'Umbra', 'Vesper', 'Wren', 'Xylo', 'Yonder', 'Zephyr', 'Aster', 'Brisk', 'Cobalt', 'Drift', 'Ember', 'Fathom', 'Gossamer', 'Helix', 'Ion', 'Juniper', 'Krill'];
const TAILS = ['Labs', 'AI', 'Robotics', 'Systems', 'Bio', 'Works', 'Compute', 'Data', 'Dynamics', 'Health', 'Logic', 'Networks', 'Security', 'Energy', 'Vision', 'Mind'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'sil', 'qua', 'ze', 'nor', 'bel', 'dru', 'fin', 'gal', 'hex', 'jun', 'pry', 'ost', 'ul', 'ix'];
const WHAT = ['autonomous warehouse robots', 'a foundation model for chemistry', 'AI agents for accountants', 'chips for on-device inference', 'a coding assistant for legacy systems', 'synthetic data for self-driving cars', 'voice models for call centres', 'protein design software', 'fraud detection for small banks', 'an open-weight language model', 'AI tutors for secondary schools', 'satellite imagery analytics', 'a vector database', 'model evaluation tools', 'GPU cloud capacity', 'drug discovery with generative models', 'AI copilots for lawyers', 'predictive maintenance for wind farms', 'speech translation earbuds', 'retail demand forecasting'];
const CITIES = ['Berlin', 'Paris', 'London', 'Toronto', 'Austin', 'Singapore', 'Bangalore', 'Tel Aviv', 'Stockholm', 'Seoul', 'Beijing', 'Shanghai', 'San Francisco', 'New York', 'Boston', 'Lisbon', 'Warsaw', 'Tokyo', 'Sydney', 'Zurich'];
const INVESTORS = ['Harbor Peak Ventures', 'Ridgeline Capital', 'Northwind Partners', 'Copperleaf Fund', 'Bluefield Growth', 'Summit Arc', 'Granite Bay Ventures', 'Lattice Capital', 'Meridian Seed', 'Oakhaven Partners', 'Polestar Equity', 'Riverstone Labs Fund', 'Silverline Growth', 'Tidewater Ventures', 'Upland Capital', 'Vantage Hill', 'Westbrook Partners', 'Yellowpine Fund', 'Aurora Crossing', 'Beacon Row'];
const PEOPLE = ['Maya Lindqvist', 'Tomasz Wolny', 'Priya Raman', 'Chen Wei', 'Amara Okafor', 'Lucas Ferreira', 'Hana Sato', 'Jonas Berg', 'Sofia Marchetti', 'Omar Haddad', 'Elena Petrova', 'Daniel Osei', 'Yuki Tanaka', 'Grace Mbeki', 'Felix Adler', 'Nadia Rahman'];
const ROUNDS = ['Seed', 'Series A', 'Series B', 'Series C', 'Series D', 'Series E'];
const SIZES = [[2, 4, 5, 6, 8, 10], [12, 15, 18, 20, 25, 30, 35], [40, 45, 50, 60, 75, 80], [100, 120, 150, 180, 200, 250], [300, 350, 400, 500, 600], [700, 800, 1000, 1200, 1500, 2000]];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const money = (m: number, style: number): string => {
  if (m >= 1000) return style % 2 ? `$${m / 1000} billion` : `$${m / 1000}B`;
  return style % 2 ? `$${m} million` : `$${m}M`;
};

interface Story {
  company: string;
  what: string;
  city: string;
  round: string;
  size: number;
  valuation: number;
  lead: string;
  others: string[];
  ceo: string;
  founded: number;
  staff: number;
  customers: number;
  growth: number;
  month: string;
  style: number;
  /** Which variant of each sentence role this telling uses. */
  variants: number[];
  context: number[];
  /** A sentence role this telling leaves out (a syndicating outlet's cut). */
  omit?: number;
}

// Each role is one sentence of an article, in several wordings. Roles with figures restate the story's own.
const ROLE: ((s: Story) => string)[][] = [
  [
    (s) => `${s.company}, a ${s.city} start-up building ${s.what}, has raised ${money(s.size, s.style)} in a ${s.round} round led by ${s.lead}.`,
    (s) => `${s.company} said on Tuesday it had closed a ${money(s.size, s.style)} ${s.round} led by ${s.lead}, as investors keep backing companies working on ${s.what}.`,
    (s) => `Investors led by ${s.lead} have put ${money(s.size, s.style)} into ${s.company}, the ${s.city}-based maker of ${s.what}, in a ${s.round} financing.`,
    (s) => `${s.lead} is leading a ${money(s.size, s.style)} ${s.round} in ${s.company}, which develops ${s.what} from its offices in ${s.city}.`,
  ],
  [
    (s) => `The deal values ${s.company} at ${money(s.valuation, s.style)}, according to a person familiar with the terms.`,
    (s) => `The new money lifts the company's valuation to ${money(s.valuation, s.style)}, up sharply from its previous round.`,
    (s) => `People briefed on the deal put the post-money valuation at ${money(s.valuation, s.style)}.`,
  ],
  [
    (s) => `${s.others.join(' and ')} also took part in the round.`,
    (s) => `Existing backers ${s.others.join(' and ')} joined as well.`,
    (s) => `The round drew participation from ${s.others.join(', ')} and a group of angel investors.`,
  ],
  [
    (s) => `Chief executive ${s.ceo}, who founded the company in ${s.founded}, said the money would go mainly into hiring engineers and buying compute.`,
    (s) => `"We are going to spend most of this on people and GPUs," said ${s.ceo}, ${s.company}'s co-founder and chief executive.`,
    (s) => `${s.ceo} started ${s.company} in ${s.founded} after leaving a research lab and still runs it as chief executive.`,
    (s) => `According to ${s.ceo}, the company plans to open a second office next year and expand its sales team in Europe.`,
  ],
  [
    (s) => `The company now employs about ${s.staff} people and says it works with ${s.customers} paying customers.`,
    (s) => `${s.company} has grown to ${s.staff} employees, and its customer count reached ${s.customers} in ${s.month}.`,
    (s) => `Revenue at ${s.company} grew ${s.growth} percent over the past year, ${s.ceo} said, without giving an absolute figure.`,
    (s) => `${s.company} counts ${s.customers} businesses as customers for its ${s.what}, most of them in logistics, finance and retail.`,
  ],
  [
    (s) => `${s.company} competes with larger rivals that have raised far more, but argues its focus on ${s.what} gives it an edge.`,
    (s) => `Analysts say the market for ${s.what} could grow quickly, and that ${s.company} is among a handful of serious contenders in ${s.city}.`,
    (s) => `${s.company} declined to comment on whether its ${s.what} business is profitable, or when ${s.ceo} expects it to be.`,
    (s) => `${s.lead} said in a statement that it had tracked ${s.company} for two years before leading the round.`,
  ],
  [
    (s) => `Its first product, released in ${s.month}, lets customers try ${s.what} on their own data within a day instead of a quarter.`,
    (s) => `${s.company} sells its software as a subscription priced by usage, and most of its ${s.customers} customers started with a free pilot.`,
    (s) => `Early users in ${s.city} describe ${s.company}'s software as easy to set up, though some say it still needs engineers to tune it.`,
  ],
  [
    (s) => `The ${s.staff}-person team includes researchers who previously worked on large models at universities in ${s.city} and abroad.`,
    (s) => `About half of its ${s.staff} staff work in research and engineering, the rest in sales, support and operations.`,
    (s) => `${s.ceo} said the company had turned down offers from two larger firms that wanted to buy it outright.`,
  ],
  [
    (s) => `${s.company} last raised money ${s.founded % 2 ? 'eighteen months' : 'a year'} ago and says it has not needed to spend much of that round yet.`,
    (s) => `The company expects to raise again within two years if growth continues at the current pace, ${s.ceo} said.`,
    (s) => `None of the investors, ${s.lead} included, will join the board of ${s.company}, which stays with the founders.`,
  ],
];
const CONTEXT = [
  'Funding for artificial intelligence start-ups has climbed this year even as venture investment elsewhere stays subdued.',
  'The round comes as investors pour money into companies building the infrastructure behind generative models.',
  'Competition for engineers with machine learning experience remains fierce, pushing up salaries across the sector.',
  'Several rivals have announced large rounds in recent months, reflecting strong appetite for the category.',
  'Regulators in Europe and the United States are still debating how to oversee the most capable models.',
  'Demand for specialised chips continues to outstrip supply, and many start-ups rent capacity from cloud providers.',
  'Late-stage valuations have recovered from the slump of two years ago, according to industry data.',
  'Corporate buyers have become more careful about which pilots they turn into long contracts.',
];
const TITLES: ((s: Story) => string)[] = [
  (s) => `${s.company} raises ${money(s.size, 0)} ${s.round} to build ${s.what}`,
  (s) => `${s.company} lands ${money(s.size, 1)} from ${s.lead}`,
  (s) => `${s.lead} backs ${s.company} in ${money(s.size, 0)} round`,
  (s) => `${s.company} valued at ${money(s.valuation, 0)} after ${s.round}`,
  (s) => `${s.city}'s ${s.company} secures ${money(s.size, 1)} for ${s.what}`,
  (s) => `Exclusive: ${s.company} closes ${s.round} at ${money(s.valuation, 1)} valuation`,
];

interface Outlet {
  title: string;
  host: string;
  feed: string;
  footer: string[];
  byline: (r: Rng) => string;
}

const OUTLET_NAMES = ['Lumen Ledger', 'Circuit Courier', 'Venture Dispatch', 'Signal & Seed', 'The Compute Report', 'Frontier Wire', 'Model Money', 'Capital Current', 'Deep Tech Daily', 'Startup Almanac', 'Growth Gazette', 'The Inference'];

function outlets(): Outlet[] {
  return OUTLET_NAMES.map((title, i) => {
    const host = `${title.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
    const footer = [
      `About ${title}: ${title} covers the companies, investors and research shaping artificial intelligence, with daily reporting from our newsroom and a weekly analysis of the biggest funding rounds.`,
      `Subscribe to the ${title} newsletter to get every funding round, acquisition and executive move in your inbox each morning, along with our reporters' notes on what the numbers mean.`,
      `Have a tip about a funding round or a company in trouble? Contact our newsroom securely at tips@${host}. We protect our sources and read every message we receive.`,
    ].slice(0, 1 + (i % 3));
    return { title, host, feed: `https://${host}/feed.xml`, footer, byline: (rr) => `By ${pick(rr, PEOPLE)} | ${title} staff` };
  });
}

function companyName(r: Rng, used: Set<string>): string {
  for (;;) {
    const name = chance(r, 0.5)
      ? `${pick(r, STEMS)} ${pick(r, TAILS)}`
      : `${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}`.replace(/^./, (c) => c.toUpperCase()) + (chance(r, 0.5) ? ` ${pick(r, TAILS)}` : '');
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const render = (s: Story): string[] => {
  const sentences = ROLE.map((role, i) => (i === s.omit ? '' : role[s.variants[i] % role.length](s)));
  const ctx = s.context.map((c) => CONTEXT[c]);
  // Paragraphs of one to two sentences, with context where a reporter would put it.
  return [sentences[0] + ' ' + sentences[1], sentences[2], ctx[0], sentences[6] + ' ' + sentences[3], sentences[4] + ' ' + (ctx[1] ?? ''), sentences[7], sentences[5] + ' ' + sentences[8]]
    .map((p) => p.trim())
    .filter(Boolean);
};

export interface GeneratedCorpus {
  articles: Article[];
  /** Planted copies: the copy's article id and the id of the article it copies. */
  copies: { copy: string; original: string }[];
}

/** `distinct` stories and `copies` syndicated copies of some of them, as articles read through toArticles. */
export function generateCorpus({ distinct, copies, seed = 1 }: { distinct: number; copies: number; seed?: number }): GeneratedCorpus {
  const bits = mulberry32(seed);
  const r: Rng = () => bits() / 0x100000000;
  const outs = outlets();
  const used = new Set<string>();
  const companies: { name: string; what: string; city: string; ceo: string; founded: number; stage: number; lastTime: number }[] = [];
  const base = Date.parse('2024-01-01T08:00:00Z');
  const entries = new Map<Outlet, FeedEntry[]>(outs.map((o) => [o, []]));
  const stories: { story: Story; outlet: Outlet; entry: FeedEntry }[] = [];

  /** Light edits a syndicating outlet makes to the body, beyond rewording: a sentence of its own
   *  added, a line of its own above the story. */
  interface Edits {
    added?: string;
    header?: string;
  }
  const entryFor = (s: Story, o: Outlet, title: string, time: number, url: string, guid: string, edits: Edits = {}): FeedEntry => {
    const body = [...render(s), ...(edits.added ? [edits.added] : [])];
    const paras = [...(edits.header ? [edits.header] : []), o.byline(r), ...body, ...o.footer];
    const html = paras.map((p) => `<p>${p.replace(/&/g, '&amp;')}</p>`).join('\n');
    return { title, url, guid, published: new Date(time).toISOString(), summary: body[0], content: html, author: null };
  };

  for (let n = 0; n < distinct; n++) {
    // A third of stories are a known company's next round: the near misses that must stay apart.
    let c = companies.length > 20 && chance(r, 0.35) ? pick(r, companies) : undefined;
    if (!c || c.stage >= ROUNDS.length - 1) {
      c = { name: companyName(r, used), what: pick(r, WHAT), city: pick(r, CITIES), ceo: pick(r, PEOPLE), founded: 2015 + Math.floor(r() * 9), stage: Math.floor(r() * 3) - 1, lastTime: base + Math.floor(r() * 400) * 86_400_000 };
      companies.push(c);
    }
    c.stage++;
    c.lastTime += (120 + Math.floor(r() * 300)) * 86_400_000;
    const size = pick(r, SIZES[c.stage]);
    const lead = pick(r, INVESTORS);
    const story: Story = {
      company: c.name, what: c.what, city: c.city, round: ROUNDS[c.stage], size, valuation: size * (4 + Math.floor(r() * 12)), lead,
      others: [pick(r, INVESTORS.filter((i) => i !== lead)), pick(r, INVESTORS.filter((i) => i !== lead))].filter((x, i, a) => a.indexOf(x) === i),
      ceo: c.ceo, founded: c.founded, staff: 10 + Math.floor(r() * 400), customers: 5 + Math.floor(r() * 900), growth: 20 + Math.floor(r() * 280),
      month: pick(r, MONTHS), style: Math.floor(r() * 2),
      variants: ROLE.map(() => Math.floor(r() * 8)),
      context: [Math.floor(r() * CONTEXT.length)],
    };
    const o = pick(r, outs);
    const slug = `${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${story.round.toLowerCase().replace(/\s+/g, '-')}-${n}`;
    const e = entryFor(story, o, pick(r, TITLES)(story), c.lastTime + Math.floor(r() * 86_400_000), `https://${o.host}/${new Date(c.lastTime).getUTCFullYear()}/${slug}`, `${o.host}-${n}`);
    entries.get(o)?.push(e);
    stories.push({ story, outlet: o, entry: e });
  }

  const planted: { copyGuid: string; copyFeed: string; origGuid: string; origFeed: string }[] = [];
  const chosen = new Set<number>();
  while (chosen.size < Math.min(copies, stories.length)) chosen.add(Math.floor(r() * stories.length));
  let k = 0;
  for (const i of chosen) {
    const { story, outlet, entry } = stories[i];
    const o = pick(r, outs.filter((x) => x !== outlet));
    // A sentence rewritten in another wording; then a sentence dropped (never the lead or the
    // valuation) or one of the outlet's own added, or neither; sometimes the outlet's own line above
    // the story; a new headline; a day or two later.
    const edited: Story = { ...story, variants: [...story.variants] };
    const reworded = 2 + Math.floor(r() * (ROLE.length - 2));
    edited.variants[reworded] += 1 + Math.floor(r() * 2);
    const edits: Edits = {};
    const cut = r();
    if (cut < 0.35) edited.omit = 2 + ((reworded - 2 + 1 + Math.floor(r() * (ROLE.length - 3))) % (ROLE.length - 2));
    else if (cut < 0.7) edits.added = `${story.company} did not reply to questions from ${o.title} about the round, and ${story.lead} declined to comment further.`;
    if (chance(r, 0.3)) edits.header = `${o.title} carries this report from ${outlet.title} under a content partnership.`;
    let title = pick(r, TITLES)(story);
    if (title === entry.title) title = `${title} (syndicated)`;
    const time = Date.parse(entry.published ?? '') + Math.floor(r() * 3 * 86_400_000);
    const guid = `copy-${k++}`;
    const url = `https://${o.host}/syndication/${guid}?utm_source=partner&utm_medium=rss&fbclid=${Math.floor(r() * 1e9)}`;
    entries.get(o)?.push(entryFor(edited, o, title, time, url, guid, edits));
    planted.push({ copyGuid: guid, copyFeed: o.feed, origGuid: entry.guid ?? '', origFeed: outlet.feed });
  }

  // Ids by (feed, guid), to name the planted pairs in article ids.
  const idOf = new Map<string, string>();
  const articles = outs.flatMap((o) => {
    const list = entries.get(o) ?? [];
    const doc: FeedDocument = { format: 'rss', title: o.title, link: `https://${o.host}/`, entries: list, warnings: [] };
    const read = toArticles(doc, o.feed);
    list.forEach((e, i) => idOf.set(`${o.feed} ${e.guid}`, read[i].id));
    return read;
  });
  return {
    articles,
    copies: planted.map((p) => ({ copy: idOf.get(`${p.copyFeed} ${p.copyGuid}`) ?? '', original: idOf.get(`${p.origFeed} ${p.origGuid}`) ?? '' })),
  };
}
