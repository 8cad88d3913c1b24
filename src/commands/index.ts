// Platform-neutral chat commands: one parser, one set of handlers, answers as `Reply`.
export * from './types';
export { parseCommand, parseTokens, tokenize, TOPICS, TOPIC_NAMES, USAGE, type ParsedCommand, type Topic } from './parse';
export { matchCompany, editDistance, normaliseName } from './match';
export { runParsed, runText, isSlow, isAdminCommand, pendingText } from './dispatch';
export { isAdmin, hasManageGuild } from './authorise';
export { replyText } from './format';
export { parseOpml } from './opml';
export { storeAdmins } from './overlay';
export { ledgerReader } from './ledger-reader';
export { commandDeps } from './deps';
export { digestTrigger, type DigestRunner } from './digest-trigger';
