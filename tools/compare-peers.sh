#!/usr/bin/env bash
# quotewire against the NLP peers that install from npm (wink-nlp,
# compromise), on the same texts in the same run: `make peers`, or
#
#   bash tools/compare-peers.sh [CORPUS]
#
# CORPUS is JSON Lines with a "text" field (default PolNeAR train when
# ../shared is beside the project) or a CSV with a "text" column (default
# otherwise: the Wikinews corpus the project ships). It installs the peers'
# pinned versions into tools/peers/node_modules once (npm ci), builds
# quotewire, then runs quotewire bench, the peers (tools/peers/peers.js)
# and quotewire bench again, and prints one table: articles/s and the cost
# as a multiple of a one-pass read of the same texts in each tool's own
# language. It takes a few minutes (compromise alone reads PolNeAR train
# at tens of articles a second). Needs go, node and npm; not part of make
# test.
#
# Environment: PEERS_MIN_TIME (seconds of timed passes per peer, default 5),
# PEERS_WARMUP (seconds of warm-up per peer, default 3), BENCH_MIN_TIME
# (quotewire bench --min-time, default 5s, as long as the peers' passes).
set -euo pipefail
cd "$(dirname "$0")/.."
GO="${GO:-go}"

corpus="${1:-}"
if [ -z "$corpus" ]; then
	if [ -f ../shared/data/polnear/train.jsonl ]; then
		corpus=../shared/data/polnear/train.jsonl
	else
		corpus=testdata/wikinews/wikinews_2019.csv
		echo "compare-peers: ../shared/data/polnear/train.jsonl not found (the shared data beside a clone of the project); using $corpus, the corpus the project ships" >&2
	fi
fi
[ -f "$corpus" ] || { echo "compare-peers: $corpus: no such file" >&2; exit 2; }
for tool in node npm "$GO"; do
	command -v "$tool" >/dev/null || { echo "compare-peers: needs $tool (Debian: apt-get install nodejs npm)" >&2; exit 2; }
done

# the peers, once: npm ci installs exactly the versions in package-lock.json
peers=tools/peers
if [ ! -f "$peers/node_modules/.package-lock.json" ] || [ "$peers/package-lock.json" -nt "$peers/node_modules/.package-lock.json" ]; then
	echo "compare-peers: installing the peers (npm ci in $peers)..." >&2
	(cd "$peers" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$GO" build -o "$tmp/quotewire" ./cmd/quotewire

start=$(date +%s)
echo "compare-peers: quotewire bench on $corpus (1 of 2)..." >&2
"$tmp/quotewire" bench --format json --min-time "${BENCH_MIN_TIME:-5s}" "$corpus" >"$tmp/qw1.json"
node "$peers/peers.js" --format jsonl --min-time "${PEERS_MIN_TIME:-5}" --warmup "${PEERS_WARMUP:-3}" "$corpus" >"$tmp/peers.jsonl"
echo "compare-peers: quotewire bench (2 of 2)..." >&2
"$tmp/quotewire" bench --format json --min-time "${BENCH_MIN_TIME:-5s}" "$corpus" >"$tmp/qw2.json"

node "$peers/table.js" --quotewire "$tmp/qw1.json" --quotewire "$tmp/qw2.json" "$tmp/peers.jsonl"
echo "(measured in $(($(date +%s) - start)) s on a machine of $(nproc 2>/dev/null || echo ?) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?))"
