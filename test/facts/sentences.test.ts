import { splitSentences } from '../../src/facts/sentences';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it.each<[string, string[]]>([
    ['Acme raised $2.5 billion. It will hire.', ['Acme raised $2.5 billion.', 'It will hire.']],
    ['The U.S. fund joined. Others followed.', ['The U.S. fund joined.', 'Others followed.']],
    ['Acme Inc. raised money. Then it spent it.', ['Acme Inc. raised money.', 'Then it spent it.']],
    ['It closed in Jan. 2026 with a bang.', ['It closed in Jan. 2026 with a bang.']],
    ['J. Smith led it. Yes!', ['J. Smith led it.', 'Yes!']],
    ['Heading without stop\nBody sentence.', ['Heading without stop', 'Body sentence.']],
    ['• first point • second point', ['first point', 'second point']],
    ['- a dash item\n- another', ['a dash item', 'another']],
    ['Did it? "Yes." Really.', ['Did it?', '"Yes."', 'Really.']],
    ['月之暗面完成融资。估值上升。', ['月之暗面完成融资。', '估值上升。']],
    ['version 2.5 of the model. next lowercase stays', ['version 2.5 of the model. next lowercase stays']],
    ['', []],
  ])('%j', (text, want) => {
    expect(texts(text)).toEqual(want);
  });
  it('marks table rows and keeps offsets into the text', () => {
    const t = 'Intro line.\nAcme | $2B | big |';
    const ss = splitSentences(t);
    expect(ss[1]).toMatchObject({ text: 'Acme | $2B | big |', table: true });
    for (const s of ss) expect(t.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });
});
