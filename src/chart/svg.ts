// A company's rounds over time as an SVG: valuations (circles) and round sizes (squares) on a log scale,
// rounds in talks hollow, and where sources disagree about a round, the range they span as a red bar.
// Pure: rounds and conflicts in, markup out; png.ts turns it into the image chat receives.
import type { Conflict, Round } from '../types';
import { dayOf } from '../rounds';
import { compactNumber } from '../digest/money';
import { monthYear } from '../digest/rounds';

export interface ChartOptions {
  width?: number;
  height?: number;
  /** The chart's heading; default "<company>: valuation and round sizes". */
  title?: string;
}

const COLORS = { valuation: '#2563eb', size: '#ea580c', dispute: '#dc2626', grid: '#e5e7eb', axis: '#6b7280', text: '#111827' };
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';

interface Point { x: number; usd: number; talks: boolean; label: string | null }

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function chartSvg(company: string, rounds: Round[], conflicts: Conflict[], opts: ChartOptions = {}): string {
  const width = opts.width ?? 800;
  const height = opts.height ?? 420;
  const m = { left: 72, right: 24, top: 56, bottom: 48 };
  const title = opts.title ?? `${company}: valuation and round sizes`;
  const dated = rounds.filter((r) => dayOf(r.date) !== null && (r.valuation || r.round_size));
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<rect width="100%" height="100%" fill="#ffffff"/>`
    + `<text x="${m.left}" y="26" font-family="${FONT}" font-size="18" font-weight="bold" fill="${COLORS.text}">${esc(title)}</text>`;
  if (dated.length === 0) {
    return `${head}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-family="${FONT}" font-size="16" fill="${COLORS.axis}">No dated rounds known for ${esc(company)}</text></svg>`;
  }

  const vals: Point[] = [];
  const sizes: Point[] = [];
  const ranges: { x: number; low: number; high: number }[] = [];
  for (const r of dated) {
    const x = dayOf(r.date)!;
    const talks = r.status === 'talks';
    if (r.valuation?.amount.usd) vals.push({ x, usd: r.valuation.amount.usd, talks, label: r.name });
    if (r.round_size?.amount.usd) sizes.push({ x, usd: r.round_size.amount.usd, talks, label: r.valuation ? null : r.name });
    for (const c of conflicts.filter((k) => k.roundId === r.id && (k.metric === 'valuation' || k.metric === 'round_size'))) {
      const usds = c.claims.map((k) => k.amount?.usd).filter((u): u is number => typeof u === 'number' && u > 0);
      if (usds.length > 1) ranges.push({ x, low: Math.min(...usds), high: Math.max(...usds) });
    }
  }
  const all = [...vals, ...sizes].map((p) => p.usd).concat(ranges.flatMap((r) => [r.low, r.high]));
  const lo = Math.floor(Math.log10(Math.min(...all)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...all))));
  const xs = dated.map((r) => dayOf(r.date)!);
  const pad = Math.max(30, (Math.max(...xs) - Math.min(...xs)) * 0.06);
  const x0 = Math.min(...xs) - pad;
  const x1 = Math.max(...xs) + pad;
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const sx = (d: number): number => m.left + ((d - x0) / (x1 - x0)) * plotW;
  const sy = (usd: number): number => m.top + plotH - ((Math.log10(usd) - lo) / (hi - lo)) * plotH;

  const parts: string[] = [head];
  // Grid and y labels at each power of ten.
  for (let e = lo; e <= hi; e++) {
    const y = sy(10 ** e);
    parts.push(`<line x1="${m.left}" y1="${y}" x2="${width - m.right}" y2="${y}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${m.left - 8}" y="${y + 4}" text-anchor="end" font-family="${FONT}" font-size="12" fill="${COLORS.axis}">$${compactNumber(10 ** e)}</text>`);
  }
  // X ticks: each year's start, or each quarter's when the span is short.
  const span = x1 - x0;
  const startYear = new Date(x0 * 86_400_000).getUTCFullYear();
  const endYear = new Date(x1 * 86_400_000).getUTCFullYear();
  const quarters = span < 2 * 365;
  for (let y = startYear; y <= endYear; y++) {
    for (const month of quarters ? [0, 3, 6, 9] : [0]) {
      const d = Math.floor(Date.UTC(y, month, 1) / 86_400_000);
      if (d < x0 || d > x1) continue;
      const x = sx(d);
      parts.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${height - m.bottom}" stroke="${COLORS.grid}"/>`);
      const label = quarters ? monthYear(`${y}-${String(month + 1).padStart(2, '0')}`) : String(y);
      parts.push(`<text x="${x}" y="${height - m.bottom + 18}" text-anchor="middle" font-family="${FONT}" font-size="12" fill="${COLORS.axis}">${esc(label)}</text>`);
    }
  }
  parts.push(`<line x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}" stroke="${COLORS.axis}"/>`);
  parts.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${height - m.bottom}" stroke="${COLORS.axis}"/>`);

  // The valuation path through closed rounds, so growth reads as a line.
  const closedVals = vals.filter((p) => !p.talks).sort((a, b) => a.x - b.x);
  if (closedVals.length > 1) {
    parts.push(`<polyline fill="none" stroke="${COLORS.valuation}" stroke-opacity="0.45" stroke-width="2" points="${closedVals.map((p) => `${sx(p.x)},${sy(p.usd)}`).join(' ')}"/>`);
  }
  for (const r of ranges) {
    const x = sx(r.x) + 10;
    parts.push(`<line x1="${x}" y1="${sy(r.low)}" x2="${x}" y2="${sy(r.high)}" stroke="${COLORS.dispute}" stroke-width="3"/>`);
    parts.push(`<line x1="${x - 5}" y1="${sy(r.low)}" x2="${x + 5}" y2="${sy(r.low)}" stroke="${COLORS.dispute}" stroke-width="2"/>`);
    parts.push(`<line x1="${x - 5}" y1="${sy(r.high)}" x2="${x + 5}" y2="${sy(r.high)}" stroke="${COLORS.dispute}" stroke-width="2"/>`);
  }
  for (const p of sizes) {
    const x = sx(p.x);
    const y = sy(p.usd);
    parts.push(`<rect x="${x - 6}" y="${y - 6}" width="12" height="12" fill="${p.talks ? '#ffffff' : COLORS.size}" stroke="${COLORS.size}" stroke-width="2"/>`);
    if (p.label) parts.push(label(x, y, p.label));
  }
  for (const p of vals) {
    const x = sx(p.x);
    const y = sy(p.usd);
    parts.push(`<circle cx="${x}" cy="${y}" r="7" fill="${p.talks ? '#ffffff' : COLORS.valuation}" stroke="${COLORS.valuation}" stroke-width="2"/>`);
    parts.push(`<text x="${x}" y="${y + 22}" text-anchor="middle" font-family="${FONT}" font-size="11" fill="${COLORS.text}">$${compactNumber(p.usd)}</text>`);
    if (p.label) parts.push(label(x, y, p.label));
  }
  parts.push(legend(width - m.right - 330, 44));
  parts.push('</svg>');
  return parts.join('');
}

function label(x: number, y: number, text: string): string {
  return `<text x="${x}" y="${y - 12}" text-anchor="middle" font-family="${FONT}" font-size="11" fill="${COLORS.text}">${esc(text)}</text>`;
}

function legend(x: number, y: number): string {
  const t = (dx: number, s: string): string => `<text x="${x + dx}" y="${y + 4}" font-family="${FONT}" font-size="12" fill="${COLORS.axis}">${s}</text>`;
  return `<circle cx="${x}" cy="${y}" r="6" fill="${COLORS.valuation}"/>${t(10, 'valuation')}`
    + `<rect x="${x + 80}" y="${y - 6}" width="12" height="12" fill="${COLORS.size}"/>${t(96, 'round size')}`
    + `<circle cx="${x + 180}" cy="${y}" r="6" fill="#ffffff" stroke="${COLORS.axis}" stroke-width="2"/>${t(190, 'in talks')}`
    + `<line x1="${x + 255}" y1="${y - 7}" x2="${x + 255}" y2="${y + 7}" stroke="${COLORS.dispute}" stroke-width="3"/>${t(263, 'disputed')}`;
}
