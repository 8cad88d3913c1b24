// MOONSHOT_BENCH_NODE_OPTIONS: Node options for the bot processes the bench starts (a heap limit, a
// CPU profile), not for the bench itself. Given on the bot's command line rather than through
// NODE_OPTIONS, which refuses some of them (--cpu-prof among them).
export function botNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.MOONSHOT_BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
}
