// The handlers' dependencies for a running bot or `moonshot ask`: the ledger and the admin state
// over one store, the rest from the configuration.
import { isFeedUrl } from '../feeds/feed-url';
import type { MoonshotConfig } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { ReadOptions } from '../feeds/read';
import { fetchFeed, type FetchOptions } from '../feeds/fetch';
import { decodeFeedBytes } from '../feeds/decode';
import type { CommandDeps, DigestTrigger } from './types';
import { ledgerReader } from './ledger-reader';
import { storeAdmins } from './overlay';

export interface CommandDepsOptions {
  digest?: DigestTrigger;
  /** Called after an admin command changed feeds, the watch list or subscriptions. */
  onChange?: () => void | Promise<void>;
  readOptions?: ReadOptions;
  resumeDelivery?: (subscriptionId: string) => Promise<void>;
  /** How `feeds import` reads its argument; by default only http(s) URLs (chat must not read the bot's files). */
  readOpml?: (source: string) => Promise<string>;
  drawChart?: CommandDeps['drawChart'];
  now?: () => Date;
  log?: Logger;
}

/** An OPML file named by URL, fetched with the same guard and limits as a feed. */
export async function readOpmlUrl(source: string, options: FetchOptions = {}): Promise<string> {
  if (!isFeedUrl(source)) throw new Error('give the OPML file as an http(s) URL');
  const res = await fetchFeed(source, options);
  if (res.kind !== 'ok') throw new Error('the server sent no content');
  return decodeFeedBytes(res.bytes, res.contentType);
}

export function commandDeps(store: Store, config: () => MoonshotConfig, opts: CommandDepsOptions = {}): CommandDeps {
  const admins = storeAdmins(store, config, opts.onChange);
  const cfg = config();
  // The fetcher refuses private addresses unless the config allows the host, for chat as for polling.
  // Never a local file: every source here came from chat.
  const readOptions: ReadOptions = { localFiles: false, maxItems: cfg.polling.maxItemsPerFeed, ...(opts.readOptions ?? { fetch: { allowHosts: cfg.allowHosts } }) };
  return {
    ledger: ledgerReader(store, cfg.watch, opts.now, { roundWindowDays: cfg.rounds.windowDays }),
    feeds: admins.feeds,
    watch: admins.watch,
    subscriptions: admins.subscriptions,
    digest: opts.digest,
    defaultCompany: cfg.defaultCompany,
    admins: cfg.admins,
    rates: cfg.rates,
    readOptions,
    readOpml: opts.readOpml ?? ((source) => readOpmlUrl(source, readOptions.fetch)),
    drawChart: opts.drawChart,
    resumeDelivery: opts.resumeDelivery,
    now: opts.now,
    log: opts.log,
  };
}
