// Funding stories and the articles outlets write about them: the benchmark's own templates.
// Each story is one funding event; each outlet tells it in its own words, with the hedges, currencies,
// investor phrases, past figures, talks and traps (compute bills, market sizes) that real coverage has.
import type { WatchedCompany } from '../src/types';
import type { Rng } from './rng';

export interface Company {
  name: string;
  aliases: string[];
  city: string;
  product: string;
  founded: number;
  founder: string;
}

export interface Story {
  id: number;
  company: Company;
  round: string;
  /** Round size in millions of `currency`. */
  amount: number;
  currency: Currency;
  /** Post-money valuation and the last one, in millions of USD. */
  valuation: number;
  previous: number;
  lead: string;
  others: string[];
  talks: boolean;
  totalRaised: number;
  revenue: number | null;
  hardware: number;
  market: number;
  /** Milliseconds since the epoch of the first report. */
  date: number;
}

export type Currency = 'USD' | 'EUR' | 'CNY' | 'GBP';

/** One article as an outlet published it: a title, a one-line standfirst and paragraphs of body. */
export interface Written {
  title: string;
  summary: string;
  paragraphs: string[];
}

// ---------------------------------------------------------------- the cast

const KNOWN: Company[] = [
  { name: 'Moonshot AI', aliases: ['Kimi maker', 'Yuezhi Anmian'], city: 'Beijing', product: 'the Kimi chatbot', founded: 2023, founder: 'Yang Zhilin' },
  { name: 'MiniMax', aliases: ['Xiyu Technology'], city: 'Shanghai', product: 'video and voice models', founded: 2021, founder: 'Yan Junjie' },
  { name: 'Zhipu AI', aliases: ['Zhipu', 'Z.ai'], city: 'Beijing', product: 'the GLM model family', founded: 2019, founder: 'Tang Jie' },
  { name: 'Mistral AI', aliases: ['Mistral'], city: 'Paris', product: 'open-weight language models', founded: 2023, founder: 'Arthur Mensch' },
  { name: 'StepFun', aliases: ['Jieyue Xingchen'], city: 'Shanghai', product: 'multimodal models', founded: 2023, founder: 'Jiang Daxin' },
  { name: 'Baichuan AI', aliases: ['Baichuan'], city: 'Beijing', product: 'medical assistants', founded: 2023, founder: 'Wang Xiaochuan' },
];

const HEADS = ['Vel', 'Quan', 'Astra', 'Nimb', 'Cor', 'Lum', 'Hel', 'Zeph', 'Kai', 'Ori', 'Syn', 'Tal', 'Mer', 'Nov', 'Pix', 'Rho', 'Sol', 'Ter', 'Vex', 'Yar', 'Brev', 'Cal', 'Dor', 'Fen'];
const TAILS = ['ora', 'tiq', 'ion', 'ex', 'ara', 'is', 'um', 'yx', 'ent', 'ova', 'ith', 'ade'];
const KINDS = ['AI', 'Labs', 'Robotics', 'Systems', 'Intelligence', 'Compute'];
const CITIES = ['San Francisco', 'London', 'Berlin', 'Toronto', 'Singapore', 'Shenzhen', 'Hangzhou', 'Tel Aviv', 'Seoul', 'Austin', 'Munich', 'Stockholm'];
const PRODUCTS = ['coding agents', 'warehouse robots', 'legal research software', 'speech recognition', 'chip design tools', 'drug discovery models', 'autonomous trucks', 'customer-service agents', 'synthetic data', 'inference chips', 'video generation', 'GPU cloud capacity'];
const FIRST = ['Ana', 'Ravi', 'Lena', 'Tomas', 'Mei', 'Kofi', 'Ines', 'Jonas', 'Priya', 'Oren', 'Sun', 'Hana'];
const LAST = ['Okafor', 'Lindqvist', 'Chen', 'Moreau', 'Haddad', 'Novak', 'Iyer', 'Park', 'Alvarez', 'Weber', 'Sato', 'Brennan'];

export const INVESTORS = [
  'Sequoia China', 'HongShan', 'Tencent', 'Alibaba Group', 'Meituan Longzhu', 'Hillhouse Investment', 'Qiming Venture Partners',
  'Lightspeed Venture Partners', 'General Catalyst', 'Andreessen Horowitz', 'Index Ventures', 'Thrive Capital', 'Northgate Capital',
  'Blue Lantern Ventures', 'Harbor Peak Partners', 'Greyfield Growth', 'Saltmarsh Ventures', 'Kestrel Point Capital', 'Abu Dhabi\'s MGX',
  'Temasek', 'GIC', 'Nvidia', 'Salesforce Ventures', 'Bpifrance', 'Eurazeo',
];
const ROUNDS = ['Seed', 'Series A', 'Series B', 'Series C', 'Series D', 'Series E', 'Pre-A', 'Series B+'];
const ANALYSTS = ['Ridgeline Research', 'Fathom Insights', 'Copperleaf Analytics', 'Meridian Data'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** The companies the corpus writes about: the well-known ones (watched) and many invented ones. */
export function makeCompanies(rng: Rng, count: number): Company[] {
  const out = KNOWN.slice();
  const taken = new Set(out.map((c) => c.name));
  while (out.length < count) {
    const name = `${rng.pick(HEADS)}${rng.pick(TAILS)} ${rng.pick(KINDS)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    out.push({
      name, aliases: [], city: rng.pick(CITIES), product: rng.pick(PRODUCTS), founded: rng.int(2016, 2024),
      founder: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
    });
  }
  return out;
}

/** The watch list the pipeline is given: the well-known companies and the first few invented ones. */
export function watchList(companies: Company[]): WatchedCompany[] {
  return companies.slice(0, KNOWN.length + 6).map((c) => ({ name: c.name, aliases: c.aliases }));
}

const BASE_DATE = Date.UTC(2026, 8, 1);

export function makeStory(rng: Rng, id: number, companies: Company[]): Story {
  // A few companies are in the news far more than the rest, as in life.
  const company = rng.chance(0.3) ? companies[rng.int(0, Math.min(11, companies.length - 1))] : rng.pick(companies);
  const roundIx = rng.int(0, ROUNDS.length - 1);
  const scale = [3, 15, 60, 200, 500, 900, 8, 120][roundIx] * (0.5 + rng.next() * 1.5);
  const currency: Currency = company.city === 'Paris' || company.city === 'Berlin' || company.city === 'Munich' ? (rng.chance(0.6) ? 'EUR' : 'USD')
    : ['Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou'].includes(company.city) ? (rng.chance(0.4) ? 'CNY' : 'USD')
      : company.city === 'London' && rng.chance(0.5) ? 'GBP' : 'USD';
  const perUsd = { USD: 1, EUR: 1 / 1.16, CNY: 1 / 0.14, GBP: 1 / 1.33 }[currency];
  const amount = roundMoney(scale * perUsd);
  const valuation = roundMoney(scale * rng.int(6, 14));
  const [lead, ...others] = rng.sample(INVESTORS, rng.int(2, 5));
  return {
    id, company, round: ROUNDS[roundIx], amount, currency, valuation,
    previous: roundMoney(valuation * (0.3 + rng.next() * 0.4)),
    lead, others, talks: rng.chance(0.15),
    totalRaised: roundMoney(scale * (1.5 + rng.next() * 2)),
    revenue: rng.chance(0.4) ? roundMoney(scale * (0.05 + rng.next() * 0.3)) : null,
    hardware: roundMoney(scale * (0.5 + rng.next())),
    market: roundMoney(rng.int(20, 400) * 1000),
    date: BASE_DATE + rng.int(0, 70) * 86_400_000 + rng.int(0, 86_399) * 1000,
  };
}

/** Two or three significant figures, as reporters write them. */
function roundMoney(m: number): number {
  const p = Math.pow(10, Math.max(0, Math.floor(Math.log10(m)) - 1));
  return Math.max(1, Math.round(m / p) * p);
}

// ---------------------------------------------------------------- money as written

const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

/** An amount in millions, written the way one outlet writes money. */
export function money(rng: Rng, millions: number, currency: Currency): string {
  const big = millions >= 1000;
  const v = big ? num(millions / 1000) : num(millions);
  const unit = big ? rng.pick(['billion', 'billion', 'bn']) : rng.pick(['million', 'million', 'm']);
  const spaced = unit === 'bn' || unit === 'm' ? unit : ` ${unit}`;
  switch (currency) {
    case 'USD': return rng.pick([`$${v}${spaced}`, `$${v}${spaced}`, `US$${v}${spaced}`, `${v}${spaced} dollars`.replace(/(\d)(bn|m) dollars/, '$1 $2 dollars')]);
    case 'EUR': return rng.pick([`€${v}${spaced}`, `EUR ${v}${spaced}`, `${v} ${big ? 'billion' : 'million'} euros`]);
    case 'GBP': return rng.pick([`£${v}${spaced}`, `GBP ${v}${spaced}`]);
    case 'CNY': return rng.pick([`RMB ${v}${spaced}`, `${v} ${big ? 'billion' : 'million'} yuan`, `RMB${v}${spaced}`]);
  }
}

const usd = (rng: Rng, millions: number): string => money(rng, millions, 'USD');

/** A figure with the hedge a cautious reporter puts on it. */
function hedged(rng: Rng, millions: number, currency: Currency): string {
  const r = rng.next();
  if (r < 0.12) return `between ${money(rng, millions * 0.9, currency)} and ${money(rng, millions * 1.15, currency)}`;
  const hedge = rng.pick(['', '', '', 'about ', 'more than ', 'up to ', 'roughly ', 'nearly ', 'over ', 'some ']);
  return hedge + money(rng, millions, currency);
}

/** A foreign amount, sometimes restated in dollars in brackets (the same figure, not a second one). */
function withDollars(rng: Rng, millions: number, currency: Currency): string {
  const own = hedged(rng, millions, currency);
  if (currency === 'USD' || !rng.chance(0.6)) return own;
  const rate = { EUR: 1.16, CNY: 0.14, GBP: 1.33 }[currency];
  return `${own} (about ${usd(rng, roundMoney(millions * rate))})`;
}

// ---------------------------------------------------------------- sentences

const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

function lead(rng: Rng, s: Story): string {
  const c = s.company;
  const amt = withDollars(rng, s.amount, s.currency);
  const day = rng.pick(WEEKDAYS);
  if (s.talks) {
    return rng.pick([
      `${c.name} is in talks to raise ${amt} in a ${s.round} round that would value the ${c.city} company at ${usd(rng, s.valuation)}, according to people familiar with the matter.`,
      `${c.name}, which builds ${c.product}, is seeking ${amt} from investors including ${s.lead}, two people briefed on the discussions said on ${day}.`,
      `Investors led by ${s.lead} are negotiating a ${s.round} investment of ${amt} in ${c.name}, people close to the deal said, cautioning that terms could still change.`,
    ]);
  }
  return rng.pick([
    `${c.name}, the ${c.city} developer of ${c.product}, has raised ${amt} in a ${s.round} round led by ${s.lead}, the company said on ${day}.`,
    `${c.name} said on ${day} it had closed a ${s.round} round of ${amt}, led by ${s.lead}.`,
    `${s.lead} has led a ${amt} ${s.round} investment in ${c.name}, the ${c.city} start-up behind ${c.product}.`,
    `${c.name} has secured ${amt} in fresh ${s.round} funding, with ${s.lead} leading the round, according to a statement released ${day}.`,
  ]);
}

function valuationLine(rng: Rng, s: Story): string {
  const v = usd(rng, s.valuation);
  const p = usd(rng, s.previous);
  if (s.talks) {
    return rng.pick([
      `The talks value ${s.company.name} at ${hedged(rng, s.valuation, 'USD')}, up from ${p} at its previous round.`,
      `If completed, the deal would put the company's post-money valuation near ${v}.`,
    ]);
  }
  return rng.pick([
    `The round values ${s.company.name} at ${v}, up from ${p} a little over a year ago.`,
    `The new money gives the company a post-money valuation of ${hedged(rng, s.valuation, 'USD')}, compared with the ${p} it was valued at in its last round.`,
    `People familiar with the terms put the valuation at ${hedged(rng, s.valuation, 'USD')}; the company was valued at ${p} when it last raised money.`,
    `That lifts its valuation to ${v} from ${p}.`,
  ]);
}

function othersLine(rng: Rng, s: Story): string {
  if (s.others.length === 0) return `${s.lead} was the only new investor, the company said.`;
  return rng.pick([
    `The round saw participation from ${list(s.others)}.`,
    `${list(s.others)} also invested, according to the filing.`,
    `Existing backers ${list(s.others)} joined the round.`,
    `Other investors include ${list(s.others)}.`,
  ]);
}

const TOPICS = ['large-scale training', 'search ranking', 'robot control', 'speech models', 'compiler research', 'recommendation systems'];
const EMPLOYERS = ['a large cloud provider', 'a national laboratory', 'a university lab in Zurich', 'a self-driving unit', 'a chip designer'];

/** Sentences that carry no figure to read but make the article an article. */
function colour(rng: Rng, s: Story): string[] {
  const c = s.company;
  const pool = [
    `${c.founder} started ${c.name} in ${c.founded} after years working on ${rng.pick(TOPICS)} at ${rng.pick(EMPLOYERS)}.`,
    `The company says its ${c.product} are used by ${rng.int(40, 900)} business customers, up sharply since the spring.`,
    `${c.name} plans to use the proceeds to hire researchers and expand outside ${c.city}.`,
    `Competition for engineers in ${c.city} has pushed salaries up, ${c.founder} said in an interview.`,
    `A spokesperson for ${s.lead} declined to comment on the terms.`,
    `The company did not say how many employees it has, though listings show it has been hiring for ${rng.pick(TOPICS)}.`,
    `Rivals have also been raising money this year as investors chase companies building ${rng.pick(PRODUCTS)}.`,
    `${c.name} said its newest release cut the cost of serving a request by ${rng.int(20, 70)} percent.`,
    `Regulators have not yet reviewed the transaction, which is expected to close in ${rng.pick(['weeks', 'the coming quarter', 'December', 'the new year'])}.`,
    `${c.founder} told staff in a memo that the company would stay focused on ${c.product}.`,
  ];
  return rng.sample(pool, rng.int(3, 6));
}

function extras(rng: Rng, s: Story): string[] {
  const c = s.company;
  const out: string[] = [];
  if (rng.chance(0.6)) {
    out.push(rng.pick([
      `${c.name} has now raised ${hedged(rng, s.totalRaised, 'USD')} in total since ${c.founded}.`,
      `All told, the company has raised ${usd(rng, s.totalRaised)} from investors.`,
    ]));
  }
  if (s.revenue !== null && rng.chance(0.7)) {
    out.push(rng.pick([
      `It brings in annualised revenue of about ${usd(rng, s.revenue)}, one person said.`,
      `The company expects revenue to pass ${usd(rng, s.revenue)} this year.`,
    ]));
  }
  if (rng.chance(0.5)) {
    // Traps: money that is not a round, a valuation or revenue.
    out.push(rng.pick([
      `Much of the new money will go to compute: ${c.name} expects to spend ${usd(rng, s.hardware)} on GPUs and data-centre leases over two years.`,
      `The company signed a ${usd(rng, s.hardware)} agreement for Nvidia chips earlier this year.`,
    ]));
  }
  if (rng.chance(0.4)) {
    out.push(`Analysts at ${rng.pick(ANALYSTS)} estimate the market for ${c.product} could reach ${usd(rng, s.market)} by 2030.`);
  }
  if (rng.chance(0.2)) out.push(`Shares in listed rivals rose ${rng.int(2, 9)}% on the news, adding roughly ${usd(rng, rng.int(2, 40) * 1000)} in market value.`);
  return out;
}

/** One outlet's article on a story. Another outlet writing the same story picks other templates. */
export function writeArticle(rng: Rng, s: Story): Written {
  const c = s.company;
  // Now and then an outlet gets a different number: the disagreements the bot must surface.
  const told: Story = rng.chance(0.12) ? { ...s, valuation: roundMoney(s.valuation * rng.pick([0.7, 1.3, 1.5])) } : rng.chance(0.05) ? { ...s, lead: rng.pick(INVESTORS) } : s;
  const amt = money(rng, told.amount, told.currency);
  const title = told.talks
    ? rng.pick([`${c.name} in talks to raise ${amt} at ${usd(rng, told.valuation)} valuation`, `Exclusive: ${c.name} seeks new funding from ${told.lead}`, `${c.name} eyes ${usd(rng, told.valuation)} valuation in new round`])
    : rng.pick([
      `${c.name} raises ${amt} ${told.round} at ${usd(rng, told.valuation)} valuation`,
      `${c.name} lands ${amt} in round led by ${told.lead}`,
      `${told.lead} backs ${c.name} in ${amt} ${told.round}`,
      `${c.name} valuation climbs to ${usd(rng, told.valuation)} after ${told.round}`,
      `${c.product.replace(/^the /, '')} start-up ${c.name} closes ${amt} raise`,
    ]);
  const first = lead(rng, told);
  const paragraphs = [first, valuationLine(rng, told), othersLine(rng, told), ...extras(rng, told), ...colour(rng, told)];
  // Keep the lead first; shuffle the rest a little, as editors do.
  const rest = paragraphs.slice(1);
  for (let i = rest.length - 1; i > 0; i--) {
    if (rng.chance(0.3)) {
      const j = rng.int(0, i);
      [rest[i], rest[j]] = [rest[j], rest[i]];
    }
  }
  return { title: title.charAt(0).toUpperCase() + title.slice(1), summary: first, paragraphs: [first, ...rest] };
}

/** A new headline for a syndicated copy of the same body. */
export function retitle(rng: Rng, s: Story): string {
  return rng.pick([
    `What ${s.company.name}'s new round says about the AI funding boom`,
    `${s.company.name} adds ${s.lead} to its cap table`,
    `AI start-up ${s.company.name} draws fresh capital`,
    `${s.company.city} AI firm ${s.company.name} raises again`,
  ]);
}
