// The seams between the command handlers and the rest of the bot. Handlers see only these narrow
// interfaces, so the same handlers serve Slack, Discord and `moonshot ask`, and each interface can be
// backed by whichever module owns the state (ledger, scheduler, config overlay).
import type { Logger } from '../log';
import type { Conflict, Fact, FundingEvent, Metric, Round, WatchedCompany } from '../types';
import type { DigestInput, LedgerFigure } from '../types';
import type { CompanySummary } from '../ledger/summary';
import type { ReadOptions } from '../feeds/read';
import type { RatesTable } from '../types';

// ---------------------------------------------------------------- the answer

/** A link under an answer: a source article, a feed. */
export interface ReplyLink {
  label: string;
  url: string;
}

/** A block of an answer: an optional heading and plain-text lines. */
export interface ReplySection {
  heading?: string;
  lines: string[];
}

export type ReplyKind = 'answer' | 'usage' | 'not-found' | 'refused' | 'error';

/**
 * What a command answers, before any platform sees it. Plain text only: each platform adapter decides
 * how a heading or a link looks (Block Kit, Discord markdown, the terminal).
 */
export interface Reply {
  kind: ReplyKind;
  /** Post in the channel for everyone (the asker said `share`); otherwise only the asker sees it. */
  share: boolean;
  title: string;
  sections: ReplySection[];
  links: ReplyLink[];
  /** An image that goes with the answer (a chart): Slack uploads it, Discord attaches it. */
  image?: ReplyImage;
}

export interface ReplyImage {
  filename: string;
  png: Buffer;
  title: string;
  /** What the image shows, for screen readers. */
  alt: string;
}

// ---------------------------------------------------------------- who is asking

export type CommandPlatform = 'slack' | 'discord' | 'cli';

/** The person running a command, with what each platform tells us about their rights. */
export interface Actor {
  platform: CommandPlatform;
  userId: string;
  /** Slack: users.info says workspace admin or owner (looked up only when an admin command needs it). */
  workspaceAdmin?: () => Promise<boolean>;
  /** Discord: the member's permission bitfield from the interaction, as the decimal string Discord sends. */
  permissions?: string | null;
}

/** Where the command was typed: the channel a `digest here` subscribes. */
export interface Place {
  platform: CommandPlatform;
  channel: string | null;
  /**
   * Whether the bot can post its digests here, as the platform sees it: null when it can, else what
   * is missing, in words an admin can act on (Slack: conversations.info; Discord: app_permissions).
   */
  canPost?: () => Promise<string | null>;
}

// ---------------------------------------------------------------- what the handlers read and change

/** What the ledger knows on a company; implemented over the ledger module (see ledger-reader.ts). */
export interface LedgerReader {
  /** Every figure (agreeing claims merged) on the company, current and past, any metric or the one given. */
  figures(company: string, metric?: Metric): Promise<LedgerFigure[]>;
  /** The company's rounds (oldest first), current answers and conflicts, as the rounds stage reads its facts now. */
  rounds(company: string): Promise<RoundsView>;
  /** Disagreements on the company: inside one round, or between company-level claims of the same weeks. */
  conflicts(company: string): Promise<Conflict[]>;
  /** Funding events on the company, newest first. */
  events(company: string, limit: number): Promise<NewsItem[]>;
  /** Companies the ledger holds anything on (canonical names, or as written for unwatched ones). */
  companies(): Promise<string[]>;
}

/** A company's answers, as the ledger keeps them (see ledger/summary.ts). */
export type RoundsView = CompanySummary;

export interface NewsItem extends Pick<FundingEvent, 'id' | 'company' | 'headline' | 'published'> {
  url: string | null;
  source: string | null;
}

export interface FeedEntryState {
  url: string;
  intervalMs: number;
  paused: boolean;
  /** Where the feed came from: the config file or a chat command. */
  origin: 'config' | 'chat';
  name: string | null;
}

/** Adding, removing, pausing feeds; the scheduler (or the store overlay) applies them. */
export interface FeedAdmin {
  list(): Promise<FeedEntryState[]>;
  /** false when the feed is already there. */
  add(url: string, intervalMs: number, name: string | null): Promise<boolean>;
  /** false when there was no such feed. */
  remove(url: string): Promise<boolean>;
  pause(url: string): Promise<boolean>;
  resume(url: string): Promise<boolean>;
}

export interface WatchAdmin {
  list(): Promise<WatchedCompany[]>;
  /** false when a company of that name is already watched. */
  add(company: WatchedCompany): Promise<boolean>;
  remove(name: string): Promise<boolean>;
}

export type { ChannelSubscription } from '../scheduler/overlay';
import type { ChannelSubscription } from '../scheduler/overlay';

export interface SubscriptionAdmin {
  list(): Promise<ChannelSubscription[]>;
  /** Adds or replaces the channel's subscription. */
  set(sub: ChannelSubscription): Promise<void>;
  /** false when the channel had none. */
  remove(platform: 'slack' | 'discord', channel: string): Promise<boolean>;
}

/** Posts a digest to a channel now; wired by `moonshot run` to the digest job. */
export interface DigestTrigger {
  /** A one-line note on what happened ("posted 3 figures", "nothing new since 09:00"). */
  now(sub: ChannelSubscription): Promise<string>;
  /** The next digest's input as it stands, without posting it or moving its cursor; null = nothing new. */
  preview(sub: ChannelSubscription, now?: Date): Promise<DigestInput | null>;
}

/** The first read of a feed, through the real pipeline. */
export interface FeedProbe {
  title: string;
  format: string;
  items: number;
  warnings: string[];
  facts: Fact[];
}

export type ProbeResult = { ok: true; probe: FeedProbe } | { ok: false; error: string };

/** Everything the handlers use; passed in, never imported as globals. */
export interface CommandDeps {
  ledger: LedgerReader;
  feeds: FeedAdmin;
  watch: WatchAdmin;
  subscriptions: SubscriptionAdmin;
  digest?: DigestTrigger;
  /** The company a query means when it names none. */
  defaultCompany: string | null;
  /** Slack user ids (and Discord user ids) allowed to run admin commands. */
  admins: string[];
  rates: RatesTable;
  /** Options for reading a feed (address guard allowances, limits). */
  readOptions?: ReadOptions;
  /** Lets a subscription's paused deliveries go again (the bot was let back into the channel). */
  resumeDelivery?: (subscriptionId: string) => Promise<void>;
  /** Reads an OPML file named by `feeds import` (a URL in chat, a path on the command line). */
  readOpml?: (source: string) => Promise<string>;
  /** Draws a company's rounds as a PNG (the chart module, passed in by the bot: commands do not draw). */
  drawChart?: (company: string, rounds: Round[], conflicts: Conflict[]) => Buffer;
  now?: () => Date;
  /** Where a command that failed is logged, with the command and who asked. */
  log?: Logger;
}
