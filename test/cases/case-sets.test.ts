// The case sets in test/fixtures/cases (real companies, outlets written here, several years of coverage
// each) and the seed set, scored by the project's own scorer (../shared/tools/score-scan.mjs) exactly as
// the hidden sets are. Each set must score at least as well as the floor below: raise a floor when the
// reader or the rounds get better, never lower one to make a change pass.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const scorer = join(root, '..', 'shared', 'tools', 'score-scan.mjs');
const casesDir = join(root, 'test', 'fixtures', 'cases');

/** [numerator, denominator] ratios must reach `min`; false conflicts must not pass `maxFalse`. */
interface Floor {
  factsRecall: number;
  factsPrecision: number;
  roundsRecall: number;
  roundsPrecision: number;
  current: number;
  maxFalse: number;
}

const FLOORS: Record<string, Floor> = {
  seed: { factsRecall: 1, factsPrecision: 1, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  crowded: { factsRecall: 1, factsPrecision: 1, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  dispute: { factsRecall: 1, factsPrecision: 0.98, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'euro-revenue-dispute': { factsRecall: 1, factsPrecision: 0.98, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'frontier-labs': { factsRecall: 1, factsPrecision: 0.98, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'press-releases': { factsRecall: 1, factsPrecision: 0.97, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'roundups-history': { factsRecall: 1, factsPrecision: 0.98, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  secondaries: { factsRecall: 1, factsPrecision: 1, roundsRecall: 1, roundsPrecision: 0.9, current: 1, maxFalse: 0 },
  syndication: { factsRecall: 1, factsPrecision: 1, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'talks-apart': { factsRecall: 1, factsPrecision: 1, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'talks-then-close': { factsRecall: 1, factsPrecision: 0.93, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  timeline: { factsRecall: 1, factsPrecision: 0.95, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  translated: { factsRecall: 1, factsPrecision: 1, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
  'heldout-2026': { factsRecall: 1, factsPrecision: 0.97, roundsRecall: 1, roundsPrecision: 1, current: 1, maxFalse: 0 },
};

interface Score { factsRecall: number; factsPrecision: number; roundsRecall: number; roundsPrecision: number; current: number; false: number; conflictsFound: boolean; line: string }

function parse(line: string): Score {
  const ratio = (re: RegExp): number => {
    const m = re.exec(line);
    if (!m) throw new Error(`the scorer's line has no ${re}: ${line}`);
    return Number(m[2]) === 0 ? 1 : Number(m[1]) / Number(m[2]);
  };
  const conflicts = /conflicts (\d+)\/(\d+)/.exec(line);
  return {
    factsRecall: ratio(/facts recall (\d+)\/(\d+)/),
    factsPrecision: ratio(/ precision (\d+)\/(\d+) stretch/),
    roundsRecall: ratio(/rounds recall (\d+)\/(\d+)/),
    roundsPrecision: ratio(/rounds recall \d+\/\d+ precision (\d+)\/(\d+)/),
    current: ratio(/current (\d+)\/(\d+)/),
    false: Number(/false (\d+) of/.exec(line)?.[1] ?? NaN),
    conflictsFound: !!conflicts && conflicts[1] === conflicts[2],
    line,
  };
}

async function score(expected: string, feeds: string): Promise<Score> {
  const { stdout } = await run(process.execPath, [scorer, '--expected', expected, '--feeds', feeds, '--cmd', `${process.execPath} bin/moonshot.js`], { cwd: root, maxBuffer: 16 << 20 })
    .catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  return parse(stdout.trim().split('\n').pop() ?? '');
}

const haveScorer = existsSync(scorer);
if (!haveScorer) console.warn(`case sets not scored: the scorer ${scorer} is not beside this checkout`);
const maybe = haveScorer ? describe : describe.skip;

maybe('case sets, scored as the hidden sets are', () => {
  const sets = readdirSync(casesDir).filter((d) => existsSync(join(casesDir, d, 'expected.json')));
  const scores = new Map<string, Promise<Score>>();
  beforeAll(() => {
    scores.set('seed', score(join(root, '..', 'shared', 'corpus', 'seed-expected.json'), join(root, '..', 'shared', 'corpus', 'seed-feeds')));
    for (const s of sets) scores.set(s, score(join(casesDir, s, 'expected.json'), join(casesDir, s, 'feeds')));
  });

  it('has a floor for every set', () => {
    expect(sets.filter((s) => !FLOORS[s])).toEqual([]);
  });

  it.each(['seed', ...Object.keys(FLOORS).filter((k) => k !== 'seed')])('%s scores at least its floor', async (name) => {
    const got = await scores.get(name);
    const floor = FLOORS[name];
    expect(got).toBeDefined();
    const s = got!;
    const below = (['factsRecall', 'factsPrecision', 'roundsRecall', 'roundsPrecision', 'current'] as const)
      .filter((k) => s[k] + 1e-9 < floor[k]).map((k) => `${k} ${s[k].toFixed(2)} < ${floor[k]}`);
    if (s.false > floor.maxFalse) below.push(`false conflicts ${s.false} > ${floor.maxFalse}`);
    if (!s.conflictsFound) below.push('a required conflict was missed');
    expect({ name, below, line: s.line }).toEqual({ name, below: [], line: s.line });
  }, 120_000);
});
