import { findMoney } from '../../src/facts/money';
import { DEFAULT_RATES } from '../../src/facts/rates';

const read = (s: string, yenIsYuan = false) => findMoney(s, { rates: DEFAULT_RATES, yenIsYuan });

// [text, value, currency, low, high, approx]
const ONE: [string, number, string, number | null, number | null, boolean][] = [
  ['Acme took in $20B last week', 20e9, 'USD', 20e9, 20e9, false],
  ['a cheque of $1.4bn arrived', 1.4e9, 'USD', 1.4e9, 1.4e9, false],
  ['they got US$2 billion', 2e9, 'USD', 2e9, 2e9, false],
  ['USD 300 million came in', 3e8, 'USD', 3e8, 3e8, false],
  ['worth €40 million', 40e6, 'EUR', 40e6, 40e6, false],
  ['EUR 12m in the bank', 12e6, 'EUR', 12e6, 12e6, false],
  ['a £5bn deal', 5e9, 'GBP', 5e9, 5e9, false],
  ['GBP 80 million', 80e6, 'GBP', 80e6, 80e6, false],
  ['HK$3m for the shop', 3e6, 'HKD', 3e6, 3e6, false],
  ['₹500 crore round', 500e7, 'INR', 500e7, 500e7, false],
  ['INR 200 million', 200e6, 'INR', 200e6, 200e6, false],
  ['S$20m from Temasek', 20e6, 'SGD', 20e6, 20e6, false],
  ['C$15 million grant', 15e6, 'CAD', 15e6, 15e6, false],
  ['A$8m seed', 8e6, 'AUD', 8e6, 8e6, false],
  ['CHF 25 million', 25e6, 'CHF', 25e6, 25e6, false],
  ['KRW 50 billion', 50e9, 'KRW', 50e9, 50e9, false],
  ['₩30bn from Naver', 30e9, 'KRW', 30e9, 30e9, false],
  ['RMB 7 billion', 7e9, 'CNY', 7e9, 7e9, false],
  ['CNY 1.2bn', 1.2e9, 'CNY', 1.2e9, 1.2e9, false],
  ['3 billion yuan for chips', 3e9, 'CNY', 3e9, 3e9, false],
  ['15B RMB raised', 15e9, 'CNY', 15e9, 15e9, false],
  ['1.5 million euros', 1.5e6, 'EUR', 1.5e6, 1.5e6, false],
  ['500 million dollars', 5e8, 'USD', 5e8, 5e8, false],
  ['200 million US dollars', 2e8, 'USD', 2e8, 2e8, false],
  ['$50k salary', 5e4, 'USD', 5e4, 5e4, false],
  ['$7M seed', 7e6, 'USD', 7e6, 7e6, false],
  ['$7mn seed', 7e6, 'USD', 7e6, 7e6, false],
  ['$1.2tn market', 1.2e12, 'USD', 1.2e12, 1.2e12, false],
  ['$1 trillion market', 1e12, 'USD', 1e12, 1e12, false],
  ['$2,500,000 grant', 2.5e6, 'USD', 2.5e6, 2.5e6, false],
  ['half a billion dollars', 5e8, 'USD', 5e8, 5e8, false],
  ['a billion dollars', 1e9, 'USD', 1e9, 1e9, false],
  ['two billion yuan', 2e9, 'CNY', 2e9, 2e9, false],
  ['one and a half billion euros', 1.5e9, 'EUR', 1.5e9, 1.5e9, false],
  ['twenty million pounds', 2e7, 'GBP', 2e7, 2e7, false],
  ['20亿美元', 2e9, 'USD', 2e9, 2e9, false],
  ['15亿元', 1.5e9, 'CNY', 1.5e9, 1.5e9, false],
  ['about $2 billion', 2e9, 'USD', 2e9, 2e9, true],
  ['roughly $2 billion', 2e9, 'USD', 2e9, 2e9, true],
  ['nearly $2 billion', 2e9, 'USD', 2e9, 2e9, true],
  ['approximately $2 billion', 2e9, 'USD', 2e9, 2e9, true],
  ['close to $2 billion', 2e9, 'USD', 2e9, 2e9, true],
  ['~$4B total', 4e9, 'USD', 4e9, 4e9, true],
  ['around €3m', 3e6, 'EUR', 3e6, 3e6, true],
  ['some $900 million', 9e8, 'USD', 9e8, 9e8, true],
  ['approaching $4 billion', 4e9, 'USD', 4e9, 4e9, true],
  ['toward $1.4 billion', 1.4e9, 'USD', 1.4e9, 1.4e9, true],
  ['towards $1.4 billion', 1.4e9, 'USD', 1.4e9, 1.4e9, true],
  ['more than $20B', 20e9, 'USD', 20e9, null, false],
  ['over $20B', 20e9, 'USD', 20e9, null, false],
  ['beyond $20 billion', 20e9, 'USD', 20e9, null, false],
  ['exceeding $20 billion', 20e9, 'USD', 20e9, null, false],
  ['above $1bn', 1e9, 'USD', 1e9, null, false],
  ['at least $1bn', 1e9, 'USD', 1e9, null, false],
  ['upwards of $1bn', 1e9, 'USD', 1e9, null, false],
  ['north of $1bn', 1e9, 'USD', 1e9, null, false],
  ['$20B+', 20e9, 'USD', 20e9, null, false],
  ['$10 billion or more', 10e9, 'USD', 10e9, null, false],
  ['up to $1B', 1e9, 'USD', null, 1e9, false],
  ['as much as $1B', 1e9, 'USD', null, 1e9, false],
  ['less than $1B', 1e9, 'USD', null, 1e9, false],
  ['under $1B', 1e9, 'USD', null, 1e9, false],
  ['$1-2 billion', 1.5e9, 'USD', 1e9, 2e9, false],
  ['$1bn–$1.5bn', 1.25e9, 'USD', 1e9, 1.5e9, false],
  ['between $1 billion and $2 billion', 1.5e9, 'USD', 1e9, 2e9, false],
  ['$1 to $2 billion', 1.5e9, 'USD', 1e9, 2e9, false],
  ['ranging from 2 to 3 billion yuan', 2.5e9, 'CNY', 2e9, 3e9, false],
];

describe('findMoney: one amount', () => {
  it.each(ONE)('%s', (text, value, currency, low, high, approx) => {
    const ms = read(text);
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ value, currency, low, high, approx });
  });
});

describe('findMoney: not money', () => {
  it.each([
    '100x revenue multiple', '1000x token demand', 'a 70B parameters model', 'up 20%', 'founded in 2023', 'the 2023-2024 season',
    'Kimi K2.6 ships', 'GPT-4 and Llama 3', 'a 1M token context', '10 million users', 'Series B-2', 'two billion tokens',
    'tens, if not hundreds, of millions of dollars', '', '$', '$$$', '...', '500 pounds of flour',
  ])('%s', (text) => {
    expect(read(text)).toEqual([]);
  });
});

describe('findMoney: two amounts and restatements', () => {
  it('reads a round and a valuation apart', () => {
    expect(read('raised $2B at a $20B valuation').map((m) => m.value)).toEqual([2e9, 20e9]);
  });
  it('keeps "from $4.3B to over $20B" as two figures, the second open-ended', () => {
    const ms = read('from approximately $4.3 billion to over $20 billion');
    expect(ms.map((m) => [m.value, m.approx, m.high])).toEqual([[4.3e9, true, 4.3e9], [20e9, false, null]]);
  });
  it('reads a foreign amount restated in dollars as one figure with its own currency', () => {
    const ms = read('3 billion yuan (about $420 million)');
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ value: 3e9, currency: 'CNY', usd: 420e6, approx: false });
  });
  it('reads ", or roughly US$1 billion" as the same figure', () => {
    const ms = read('RMB 7 billion, or roughly US$1 billion');
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ currency: 'CNY', usd: 1e9 });
  });
  it('reads "¥" as yen by default and as yuan for a Chinese story', () => {
    expect(read('¥500 million')[0].currency).toBe('JPY');
    expect(read('¥500 million', true)[0].currency).toBe('CNY');
  });
  it('converts to USD by the rates table', () => {
    expect(read('€100 million')[0].usd).toBeCloseTo(100e6 * DEFAULT_RATES.usdPer.EUR, 0);
    expect(read('15B RMB')[0].usd).toBeCloseTo(15e9 * DEFAULT_RATES.usdPer.CNY, 0);
  });
  it('gives usd null for a currency with no rate', () => {
    expect(read('MX$5 million')[0]).toMatchObject({ currency: 'MXN', usd: null });
  });
  it('gives the span of the amount', () => {
    const s = 'Acme raised about $2.5 billion today';
    const [m] = read(s);
    expect(s.slice(m.start, m.end)).toBe('$2.5 billion');
    expect(m.hedge).toBe('about');
  });
});
