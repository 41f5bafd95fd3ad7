// Tests of the comparison's own parts (no npm package needed):
//   node --test tools/peers/
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { countWords, parseCSV, readTexts } = require('./peers.js');
const { render, span } = require('./table.js');

test('countWords counts as quotewire benchrun.CountWords does', () => {
  // the cases of internal/benchrun's TestCountWords
  for (const [text, want] of [['', 0], ['one', 1], ['Lavrov said: “We don’t.”', 5], ['  3,000 people  ', 3], ['Кремль заявил', 2], ['a 𝐀b', 2]]) {
    assert.strictEqual(countWords(text), want, text);
  }
});

test('parseCSV reads quoted fields with commas, quotes and line breaks', () => {
  assert.deepStrictEqual(parseCSV('url,text\r\nu1,"He said, ""no""\nthen left"\nu2,plain'), [
    ['url', 'text'], ['u1', 'He said, "no"\nthen left'], ['u2', 'plain'],
  ]);
});

test('readTexts reads JSON Lines and CSV, skipping empty texts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-'));
  const jl = path.join(dir, 'a.jsonl');
  fs.writeFileSync(jl, '{"id":"1","text":"One."}\n\n{"id":"2","text":""}\n{"id":"3","text":"Two."}\n');
  assert.deepStrictEqual(readTexts(jl), ['One.', 'Two.']);
  const csv = path.join(dir, 'a.csv');
  fs.writeFileSync(csv, 'url,date,title,text\nu,d,t,"Three, four."\n');
  assert.deepStrictEqual(readTexts(csv), ['Three, four.']);
  fs.writeFileSync(csv, 'url,body\nu,x\n');
  assert.throws(() => readTexts(csv), /no "text" column/);
});

test('render gives every tool its ratio and quotewire as a range', () => {
  const qw = [
    { articles: 2, read_articles_per_sec: 40000, articles_per_sec: 900, ratio_to_read: 44.4, quotes_per_round: 30 },
    { articles: 2, read_articles_per_sec: 50000, articles_per_sec: 1000, ratio_to_read: 50, quotes_per_round: 30 },
  ];
  const common = { corpus: 'c.jsonl', articles: 2, bytes: 9000, runtime: 'node v20' };
  const peers = [
    { ...common, tool: 'one-pass read (count words)', articles_per_sec: 30000, ratio_to_read: 1, found: { words: 9 } },
    { ...common, tool: 'wink-nlp 2', peer: 'wink-nlp', does: 'tokens + tags', articles_per_sec: 300, ratio_to_read: 100, found: { tokens: 9 } },
    { ...common, tool: 'compromise 14', peer: 'compromise', does: 'quotes only', articles_per_sec: 25, ratio_to_read: 1200, found: { quotes: 4 } },
  ];
  const out = render(qw, peers);
  assert.match(out, /quotewire \(end to end\)\s+Go\s+900–1,000\s+44\.4–50\.0\s+30/);
  assert.match(out, /wink-nlp 2\s+JavaScript\s+300\s+100\s+tokens \+ tags/);
  assert.match(out, /compromise 14\s+JavaScript\s+25\.0\s+1,200\s+4\s+quotes only/);
  assert.match(out, /3\.0–3\.3× the articles\/s of wink-nlp 2/);
  assert.match(out, /36\.0–40\.0× the articles\/s of compromise 14/);
  assert.strictEqual(span([2, 2], 0), '2');
});
