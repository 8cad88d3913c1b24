// A store written before the ledger had tables keeps its ledger as keys (`ledger:co:`, `ledger:article:`,
// `ledger:fact:`, `ledger:event:`, with a time index, per-article lists and summaries beside them). Its
// companies, articles, facts and events go into the tables; the keys are removed once the import is
// committed (see migrate.ts). A key-value ledger of a shape this code does not know is refused.
import type { LedgerTrx } from '../schema';
import type { KeyValueAccess } from '../../store/migrate';
import { articleRow, companyKey, factRow } from '../rows';
import type { StoredFact } from '../figures';
import type { FundingEvent } from '../../types';

interface OldCompany { name: string; watched: boolean; firstSeen: string }
interface OldArticle { id: string; title: string; url: string | null; source: string; published: string | null; firstSeen: string; backfill: boolean }
interface OldEvent { event: FundingEvent; firstSeen: string; backfill: boolean }

export class UnknownLedgerFormat extends Error {}

function refuse(key: string, what: string): never {
  throw new UnknownLedgerFormat(
    `the store holds a key-value ledger this version cannot read (${key}: ${what}). Start the previous version of Moonshot on it once, `
    + 'or move the file aside (its feeds are read again, and the figures recorded anew).',
  );
}

const CHUNK = 500;

async function insertChunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function up(trx: LedgerTrx, kv: KeyValueAccess): Promise<void> {
  const companies = await kv.entries<OldCompany>('ledger:co:');
  const rows = companies.map(([k, c]) => {
    if (typeof c?.name !== 'string' || typeof c.firstSeen !== 'string') refuse(k, 'a company without a name or date');
    return { key: companyKey(c.name), name: c.name, watched: Number(Boolean(c.watched)), first_seen: c.firstSeen };
  });
  await insertChunks(rows, (part) => trx.insertInto('ledger_companies').values(part).onConflict((oc) => oc.column('key').doNothing()).execute());

  const articles = await kv.entries<OldArticle>('ledger:article:');
  await insertChunks(articles.map(([k, a]) => {
    if (typeof a?.id !== 'string' || typeof a.title !== 'string') refuse(k, 'an article without an id or title');
    return articleRow(a, a.firstSeen, a.backfill);
  }), (part) => trx.insertInto('ledger_articles').values(part).onConflict((oc) => oc.column('id').doNothing()).execute());

  for await (const page of kv.pages<StoredFact>('ledger:fact:')) {
    const facts = page.map(([k, sf]) => {
      if (typeof sf?.key !== 'string' || typeof sf.fact?.metric !== 'string' || typeof sf.firstSeen !== 'string') refuse(k, 'a fact without its key, metric or date');
      return factRow(sf);
    });
    await insertChunks(facts, (part) => trx.insertInto('ledger_facts').values(part).onConflict((oc) => oc.columns(['company_key', 'key']).doNothing()).execute());
  }

  const events = await kv.entries<OldEvent>('ledger:event:');
  for (const [k, se] of events) {
    if (typeof se?.event?.id !== 'string' || !Array.isArray(se.event.articleIds)) refuse(k, 'an event without an id or articles');
    const ck = companyKey(se.event.company);
    await trx.insertInto('ledger_events').values({
      company_key: ck, id: se.event.id, company: se.event.company, headline: se.event.headline, published: se.event.published ?? null,
      first_seen: se.firstSeen, backfill: Number(Boolean(se.backfill)),
    }).onConflict((oc) => oc.columns(['company_key', 'id']).doNothing()).execute();
    const links = [...new Set(se.event.articleIds)].map((id, position) => ({ company_key: ck, event_id: se.event.id, article_id: id, position }));
    if (links.length) await trx.insertInto('ledger_event_articles').values(links).onConflict((oc) => oc.columns(['company_key', 'event_id', 'article_id']).doNothing()).execute();
  }
}
