// The digest stage's public face: compose a Digest, then render it for a platform.
export type { Digest, CompanySection, FigureLine, ConflictLine, EventLine, SourceRef, UnwatchedLine } from './digest';
export { composeDigest, digestInputFromScan, formatWindow, type ScanDigestOptions } from './compose';
export { formatMoney, formatAmount, formatFigureValue, metricLabel } from './money';
export { renderSlack, SLACK_LIMITS, type SlackPostMessage, type SlackBlock } from './render/slack';
export { renderDiscord, DISCORD_LIMITS, discordNonce, embedChars, messageChars, type DiscordMessage, type DiscordEmbed } from './render/discord';
export { renderMarkdown } from './render/markdown';
export { renderConsole } from './render/console';
