#!/usr/bin/env node
// Prints one table of quotewire and its peers, measured on the same texts
// in the same run: tools/compare-peers.sh gives it the JSON of each
// `quotewire bench --format json` it ran and the JSON lines of peers.js.
//
//   node table.js --quotewire QW.json [--quotewire QW2.json] PEERS.jsonl
//
// Each tool's cost is given as a multiple of a one-pass read (count words)
// of the same texts in its own language, timed in the same process: Go for
// quotewire, JavaScript for the peers. Two quotewire runs (before and after
// the peers) are shown as a range.
'use strict';

const fs = require('fs');
const { formatTable } = require('./peers.js');

function main() {
  const qwFiles = [];
  let peersFile = '';
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quotewire' && i + 1 < argv.length) qwFiles.push(argv[++i]);
    else if (!argv[i].startsWith('-') && !peersFile) peersFile = argv[i];
    else throw new Error(`usage: node table.js --quotewire QW.json... PEERS.jsonl (at ${argv[i]})`);
  }
  if (!qwFiles.length || !peersFile) throw new Error('usage: node table.js --quotewire QW.json... PEERS.jsonl');
  const qw = qwFiles.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const peers = fs.readFileSync(peersFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  if (!peers.length) throw new Error(`${peersFile}: no results`);
  process.stdout.write(render(qw, peers));
}

// num is v with digits decimals and thousands separated: "1,234.5".
const num = (v, digits) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// span is "lo–hi" of the values (one value when they round alike).
function span(values, digits) {
  const lo = num(Math.min(...values), digits), hi = num(Math.max(...values), digits);
  return lo === hi ? lo : `${lo}–${hi}`;
}

const digitsFor = (v) => (v < 100 ? 1 : 0);

// render is the table of quotewire's runs (qw: quotewire bench's JSON
// objects) and the peers' results (peers.js's JSON lines).
function render(qw, peers) {
  const first = peers[0];
  const lines = [];
  lines.push(`${first.corpus}: ${first.articles} articles, ${(first.bytes / 1e6).toFixed(2)} MB; one core each ` +
    `(quotewire bench: one goroutine; ${first.runtime}: one thread); all measured in this run` +
    (qw.length > 1 ? `, quotewire ${qw.length} times (before and after the peers)` : '') + '.');
  const mismatch = qw.filter((q) => q.articles !== first.articles);
  if (mismatch.length) {
    lines.push(`NOTE: quotewire measured ${mismatch[0].articles} articles, the peers ${first.articles} (texts quotewire cannot analyse are skipped).`);
  }
  lines.push('');
  const rows = [['tool', 'language', 'articles/s', '× one-pass read', 'quotes found', 'what it does']];
  const readGo = qw.map((q) => q.read_articles_per_sec);
  rows.push(['one-pass read (count words)', 'Go', span(readGo, 0), '1.0', '', 'baseline for quotewire']);
  const qwRate = qw.map((q) => q.articles_per_sec);
  const qwRatio = qw.map((q) => q.ratio_to_read);
  rows.push(['quotewire (end to end)', 'Go', span(qwRate, digitsFor(Math.min(...qwRate))), span(qwRatio, digitsFor(Math.min(...qwRatio))),
    span(qw.map((q) => q.quotes_per_round), 0), 'quotes + speakers (direct and indirect, cue, resolved speaker)']);
  for (const p of peers) {
    const found = p.found && p.found.quotes !== undefined ? p.found.quotes.toLocaleString('en-US') : '';
    rows.push([p.tool, 'JavaScript', num(p.articles_per_sec, digitsFor(p.articles_per_sec)),
      num(p.ratio_to_read, digitsFor(p.ratio_to_read)), found, p.peer ? p.does : 'baseline for the peers']);
  }
  lines.push(formatTable(rows).trimEnd());
  lines.push('');
  lines.push('× one-pass read: the tool\'s time over the time of one pass over the same texts that counts words, in the tool\'s own language, timed in the same process.');
  const lo = Math.min(...qwRate), hi = Math.max(...qwRate);
  for (const p of peers.filter((x) => x.peer)) {
    lines.push(`quotewire end to end: ${span([lo / p.articles_per_sec, hi / p.articles_per_sec], 1)}× the articles/s of ${p.tool}.`);
  }
  return lines.join('\n') + '\n';
}

module.exports = { render, span };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`table.js: ${e.message}\n`);
    process.exit(1);
  }
}
