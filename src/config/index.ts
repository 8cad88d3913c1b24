// Placeholder: replaced by the validated YAML config (see issue 4).
import type { RatesTable, WatchedCompany } from '../types';
import { DEFAULT_RATES } from '../facts/rates';

export interface MoonshotConfig {
  watch: WatchedCompany[];
  defaultCompany: string | null;
  rates: RatesTable;
  allowHosts: string[];
}

export const DEFAULT_CONFIG: MoonshotConfig = { watch: [], defaultCompany: null, rates: DEFAULT_RATES, allowHosts: [] };

export async function loadConfig(_file?: string): Promise<MoonshotConfig> {
  return DEFAULT_CONFIG;
}

/** "Canonical Name|alias|alias" to a watched company. */
export function parseWatchSpec(spec: string): WatchedCompany {
  const [name, ...aliases] = spec.split('|').map((s) => s.trim()).filter(Boolean);
  if (!name) throw new Error(`empty --watch value: "${spec}"`);
  return { name, aliases };
}
