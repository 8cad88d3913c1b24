// Placeholder: replaced by grouping on company, agreeing figures and time (see issue 3).
import type { Article, Fact, FundingEvent } from '../types';

export function groupEvents(articles: Article[], facts: Fact[]): FundingEvent[] {
  const byCompany = new Map<string, FundingEvent>();
  for (const f of facts) {
    if (f.metric !== 'round_size' && f.metric !== 'valuation') continue;
    const ev = byCompany.get(f.company) ?? { id: `ev-${byCompany.size + 1}`, company: f.company, articleIds: [], headline: '', published: null };
    if (!ev.articleIds.includes(f.articleId)) ev.articleIds.push(f.articleId);
    if (!ev.headline) ev.headline = articles.find((a) => a.id === f.articleId)?.title ?? '';
    byCompany.set(f.company, ev);
  }
  return [...byCompany.values()];
}
