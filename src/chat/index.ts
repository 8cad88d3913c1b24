// Chat delivery: destinations for each platform and the outbox that sends to them.
export type { Destination, OutgoingMessage, SendResult } from './destination';
export { consoleDestination } from './console';
export { slackDestination, slackWebhookDestination, slackClient } from './slack';
export { discordDestination, discordWebhookDestination, discordRest } from './discord';
export { Outbox, type OutboxOptions, type OutboxRecord, type DrainReport, type DestinationState } from './outbox';
