// Charts of a company's rounds: the markup (svg.ts) and the image chat receives (png.ts).
import type { Conflict, Round } from '../types';
import { chartSvg, type ChartOptions } from './svg';
import { svgToPng } from './png';

export { chartSvg, type ChartOptions } from './svg';
export { svgToPng } from './png';

/** The PNG of one company's rounds, as posted to Slack and Discord and written by `moonshot chart`. */
export function roundsChartPng(company: string, rounds: Round[], conflicts: Conflict[], opts: ChartOptions = {}): Buffer {
  const own = (c: string): boolean => c.toLowerCase() === company.toLowerCase();
  return svgToPng(chartSvg(company, rounds.filter((r) => own(r.company)), conflicts.filter((c) => own(c.company)), opts));
}
