// The handlers' dependencies for a running bot or `moonshot ask`: the ledger and the admin state
// over one store, the rest from the configuration.
import type { MoonshotConfig } from '../config';
import type { Store } from '../store/types';
import type { ReadOptions } from '../feeds/read';
import { fetchFeed } from '../feeds/fetch';
import { decodeFeedBytes } from '../feeds/decode';
import type { CommandDeps, DigestTrigger } from './types';
import { ledgerReader } from './ledger-reader';
import { storeAdmins } from './overlay';

export interface CommandDepsOptions {
  digest?: DigestTrigger;
  /** Called after an admin command changed feeds, the watch list or subscriptions. */
  onChange?: () => void | Promise<void>;
  readOptions?: ReadOptions;
  /** How `feeds import` reads its argument; by default only http(s) URLs (chat must not read the bot's files). */
  readOpml?: (source: string) => Promise<string>;
  now?: () => Date;
}

export async function readOpmlUrl(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) throw new Error('give the OPML file as an http(s) URL');
  const res = await fetchFeed(source);
  if (res.kind !== 'ok') throw new Error('the server sent no content');
  return decodeFeedBytes(res.bytes, res.contentType);
}

export function commandDeps(store: Store, config: () => MoonshotConfig, opts: CommandDepsOptions = {}): CommandDeps {
  const admins = storeAdmins(store, config, opts.onChange);
  const cfg = config();
  return {
    ledger: ledgerReader(store, cfg.watch),
    feeds: admins.feeds,
    watch: admins.watch,
    subscriptions: admins.subscriptions,
    digest: opts.digest,
    defaultCompany: cfg.defaultCompany,
    admins: cfg.admins,
    rates: cfg.rates,
    readOptions: opts.readOptions,
    readOpml: opts.readOpml ?? readOpmlUrl,
    now: opts.now,
  };
}
