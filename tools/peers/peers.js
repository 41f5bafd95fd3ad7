#!/usr/bin/env node
// Times the NLP peers that install from npm on the texts quotewire bench
// reads, against a one-pass read of the same texts in JavaScript (the
// ratio's baseline in this language, as quotewire bench's is in Go).
//
//   node peers.js [--min-time S] [--warmup S] [--peers wink-nlp,compromise]
//                 [--format table|jsonl] CORPUS.jsonl|CORPUS.csv
//
// CORPUS is JSON Lines with a "text" field on each line (PolNeAR's form),
// or a CSV file with a header naming a "text" column (the Wikinews corpus
// the project ships). Empty texts are skipped, as quotewire bench skips
// articles it cannot analyse. Every measurement runs on this one thread:
// first a warm-up (--warmup seconds, at most one pass over the texts), then
// whole passes over every text until --min-time seconds have gone by; the
// time of a pass is the mean of those passes.
//
// Peers:
//   wink-nlp   readDoc(text), then its tokens' values and part-of-speech
//              tags and its entities (wink-eng-lite-web-model): tokens +
//              tags, no quotes, no speakers.
//   compromise nlp(text) (tokens, tags) and .quotations(): the stretches
//              inside quotation marks, no speakers, no indirect speech.
//
// tools/compare-peers.sh (make peers) runs this beside quotewire bench.
'use strict';

const fs = require('fs');
const path = require('path');

function usage(msg) {
  if (msg) process.stderr.write(`peers.js: ${msg}\n`);
  process.stderr.write('usage: node peers.js [--min-time S] [--warmup S] [--peers wink-nlp,compromise] [--format table|jsonl] CORPUS\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { minTime: 5, warmup: 3, peers: ['wink-nlp', 'compromise'], format: 'table', corpus: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--min-time') o.minTime = Number(val());
    else if (a === '--warmup') o.warmup = Number(val());
    else if (a === '--peers') o.peers = val().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--format') o.format = val();
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown flag ${a}`);
    else if (o.corpus) usage('one corpus only');
    else o.corpus = a;
  }
  if (!o.corpus) usage('no corpus');
  if (!(o.minTime >= 0) || !(o.warmup >= 0)) usage('--min-time and --warmup are seconds');
  if (o.format !== 'table' && o.format !== 'jsonl') usage('--format is table or jsonl');
  for (const p of o.peers) if (!PEERS[p]) usage(`unknown peer ${p} (${Object.keys(PEERS).join(', ')})`);
  return o;
}

// readTexts returns the non-empty texts of a JSON Lines or CSV corpus.
function readTexts(file) {
  const data = fs.readFileSync(file, 'utf8');
  let texts;
  if (/\.csv$/i.test(file)) {
    const rows = parseCSV(data);
    const col = rows.length ? rows[0].indexOf('text') : -1;
    if (col < 0) throw new Error(`${file}: no "text" column in the CSV header`);
    texts = rows.slice(1).map((r) => r[col] || '');
  } else {
    texts = [];
    data.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let rec;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file} line ${i + 1}: ${e.message}`);
      }
      texts.push(typeof rec.text === 'string' ? rec.text : '');
    });
  }
  return texts.filter((t) => t.trim() !== '');
}

// parseCSV reads RFC 4180 CSV: quoted fields may hold commas, newlines and
// doubled quotes.
function parseCSV(s) {
  const rows = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// countWords is the one-pass read: the words of text, a word being a run of
// letters and digits, as quotewire's benchrun.CountWords counts them.
const wordCP = new Map();
const wordRe = /^[\p{L}\p{Nd}]$/u;
function countWords(text) {
  let n = 0, inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let w;
    if (c < 128) {
      w = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    } else {
      const cp = text.codePointAt(i);
      if (cp > 0xffff) i++;
      w = wordCP.get(cp);
      if (w === undefined) {
        w = wordRe.test(String.fromCodePoint(cp));
        wordCP.set(cp, w);
      }
    }
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

// version is the installed version of an npm package (some packages do not
// export their package.json).
function version(pkg) {
  const file = path.join(__dirname, 'node_modules', pkg, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

// PEERS: each makes a function that analyses one text and returns counts
// of what it found (summed over a pass, to show the work was done).
const PEERS = {
  'wink-nlp': {
    does: 'tokens + tags (POS, entities); no quotes, no speakers',
    make() {
      const winkNLP = require('wink-nlp');
      const model = require('wink-eng-lite-web-model');
      const nlp = winkNLP(model);
      const its = nlp.its;
      return {
        name: `wink-nlp ${version('wink-nlp')} (wink-eng-lite-web-model ${version('wink-eng-lite-web-model')})`,
        run(text, found) {
          const doc = nlp.readDoc(text);
          const tokens = doc.tokens();
          found.tokens += tokens.out(its.value).length;
          found.tags += tokens.out(its.pos).length;
          found.entities += doc.entities().out(its.detail).length;
        },
        found: () => ({ tokens: 0, tags: 0, entities: 0 }),
      };
    },
  },
  compromise: {
    does: 'quotes only (quotations(): text in quotation marks, no speakers) + tags',
    make() {
      const nlp = require('compromise');
      return {
        name: `compromise ${version('compromise')}`,
        run(text, found) {
          const doc = nlp(text);
          found.terms += doc.terms().length;
          found.quotes += doc.quotations().length;
        },
        found: () => ({ terms: 0, quotes: 0 }),
      };
    },
  },
};

const now = () => Number(process.hrtime.bigint()) / 1e9;

// measure warms fn up for warmup seconds (at most one pass over texts),
// then runs whole passes until minTime seconds have gone by, and returns
// the seconds of one pass (the mean), the passes and the last pass's
// counts.
function measure(fn, texts, newFound, warmup, minTime) {
  let sink = newFound();
  const w0 = now();
  for (let i = 0; i < texts.length && now() - w0 < warmup; i++) fn(texts[i], sink);
  let total = 0, rounds = 0, found;
  do {
    found = newFound();
    const t0 = now();
    for (const t of texts) fn(t, found);
    total += now() - t0;
    rounds++;
  } while (total < minTime);
  return { seconds: total / rounds, rounds, found };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const texts = readTexts(o.corpus);
  if (texts.length === 0) throw new Error(`${o.corpus}: no texts`);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const mb = bytes / 1e6;
  const common = { language: 'JavaScript', runtime: `node ${process.version}`, corpus: o.corpus, articles: texts.length, bytes };
  const results = [];
  const say = (msg) => process.stderr.write(`peers.js: ${msg}\n`);

  say(`${texts.length} texts, ${mb.toFixed(2)} MB; one-pass read...`);
  const read = measure((t, f) => { f.words += countWords(t); }, texts, () => ({ words: 0 }), o.warmup, Math.max(o.minTime, 1));
  results.push({ tool: 'one-pass read (count words)', ...common, does: 'the baseline: counts words',
    rounds: read.rounds, seconds_per_pass: read.seconds, articles_per_sec: texts.length / read.seconds,
    mb_per_sec: mb / read.seconds, ratio_to_read: 1, found: read.found });
  for (const key of o.peers) {
    const peer = PEERS[key].make();
    say(`${peer.name}: warm-up ${o.warmup} s, then passes for ${o.minTime} s...`);
    const m = measure(peer.run, texts, peer.found, o.warmup, o.minTime);
    results.push({ tool: peer.name, peer: key, ...common, does: PEERS[key].does,
      rounds: m.rounds, seconds_per_pass: m.seconds, articles_per_sec: texts.length / m.seconds,
      mb_per_sec: mb / m.seconds, ratio_to_read: m.seconds / read.seconds, found: m.found });
  }
  if (o.format === 'jsonl') {
    for (const r of results) process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  process.stdout.write(`${texts.length} articles, ${mb.toFixed(2)} MB, node ${process.version}, one thread\n\n`);
  const rows = [['what', 'articles/s', 'MB/s', '× one-pass read (JS)', 'passes', 'found per pass']];
  for (const r of results) {
    rows.push([r.tool, r.articles_per_sec.toFixed(r.articles_per_sec < 100 ? 1 : 0), r.mb_per_sec.toFixed(2),
      r.ratio_to_read.toFixed(1), String(r.rounds), Object.entries(r.found).map(([k, v]) => `${v} ${k}`).join(', ')]);
  }
  process.stdout.write(formatTable(rows));
}

// formatTable lines rows up in columns, numbers to the right.
function formatTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) => r.map((cell, c) => {
    const pad = ' '.repeat(widths[c] - [...cell].length);
    return /^[\d.,–×x ]+$/.test(cell) ? pad + cell : cell + pad;
  }).join('  ').trimEnd() + '\n').join('');
}

module.exports = { countWords, parseCSV, readTexts, formatTable };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`peers.js: ${e.message}\n`);
    process.exit(1);
  }
}
