// What the numbers were measured on.
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memory_gb: number;
  free_memory_gb: number;
  node: string;
  platform: string;
  /** One-minute load average at the start: above the core count, others were using the machine too. */
  load_1m: number;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cores: c.length,
    cpu: c[0]?.model.trim() ?? 'unknown',
    memory_gb: Math.round((totalmem() / 1073741824) * 10) / 10,
    free_memory_gb: Math.round((freemem() / 1073741824) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load_1m: Math.round(loadavg()[0] * 100) / 100,
  };
}
