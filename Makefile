# quotewire — common tasks. `make test` is the test command CI runs.

GO ?= go

.PHONY: test vet build demo bench gobench peers bench-store bench-workers fuzz lexicon models

# Unit, golden, corpus and agreement tests. Tests that need ../shared
# (PolNeAR, the reference scorer) skip with a message when it is absent.
test:
	$(GO) test ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

build:
	$(GO) build -o bin/quotewire ./cmd/quotewire

# The main job: ingest the shipped corpus into an embedded store and serve it.
demo:
	$(GO) run ./cmd/quotewire demo

# Store speed: ingest rate and search latency on 100,000 articles (minutes).
bench-store:
	$(GO) run ./cmd/quotewire bench-store

# Distributed ingest with 1, 2 and 4 worker processes into PostgreSQL
# (minutes): --db from $QUOTEWIRE_DB, --nats from $QUOTEWIRE_NATS.
bench-workers:
	$(GO) run ./cmd/quotewire bench-workers

# Speed, the table a reader reruns (under a minute; the README's figures
# come from it): quotewire bench on one core -- a one-pass read that
# counts words, each stage and extraction end to end, as articles/s, MB/s
# and x one-pass read -- then ingest into SQLite against extraction alone
# (all cores, median of BENCH_ROUNDS rounds), both in this one run.
# BENCH_CORPUS: PolNeAR train when ../shared is beside the project, else
# the shipped Wikinews; `make bench BENCH_CORPUS=my.jsonl` for another.
BENCH_CORPUS ?=
BENCH_ROUNDS ?= 3
bench:
	@echo "== quotewire bench: stages on one core, as multiples of a one-pass read =="
	$(GO) run ./cmd/quotewire bench $(BENCH_CORPUS)
	@echo
	@echo "== quotewire bench-store --ingest-only: ingest into SQLite vs extraction alone =="
	$(GO) run ./cmd/quotewire bench-store --ingest-only --rounds $(BENCH_ROUNDS) $(BENCH_CORPUS)

# The Go micro-benchmarks: end to end and per stage with the x-read metric
# (engine), the stores, near-duplicates and the server.
gobench:
	$(GO) test -run '^$$' -bench . -benchtime 5x ./engine
	$(GO) test -run '^$$' -bench . -benchtime 5x ./store/sqlite ./dedup ./server
	$(GO) test -run '^$$' -bench . -benchtime 5x ./follow ./ingest/feed
	$(GO) test -run '^$$' -bench . -benchtime 2x ./store/postgres  # skips without QUOTEWIRE_TEST_POSTGRES

# quotewire against the NLP peers that install from npm (wink-nlp,
# compromise) on the same texts in one run (one to two minutes; needs node and npm,
# installs tools/peers/node_modules once). Not part of `make test`.
peers:
	node --test --test-reporter=dot tools/peers/
	bash tools/compare-peers.sh $(BENCH_CORPUS)

# Each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzAttribute$$' -fuzztime $(FUZZTIME) ./attrib
	$(GO) test -run '^$$' -fuzz '^FuzzSegment$$' -fuzztime $(FUZZTIME) ./text
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./phrase
	$(GO) test -run '^$$' -fuzz '^FuzzMeta$$' -fuzztime $(FUZZTIME) ./meta
	$(GO) test -run '^$$' -fuzz '^FuzzJSONL$$' -fuzztime $(FUZZTIME) ./ingest/jsonl
	$(GO) test -run '^$$' -fuzz '^FuzzText$$' -fuzztime $(FUZZTIME) ./ingest/textfile
	$(GO) test -run '^$$' -fuzz '^FuzzHTML$$' -fuzztime $(FUZZTIME) ./ingest/htmlfile
	$(GO) test -run '^$$' -fuzz '^FuzzSniff$$' -fuzztime $(FUZZTIME) ./ingest
	$(GO) test -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime $(FUZZTIME) ./ingest/csvfile
	$(GO) test -run '^$$' -fuzz '^FuzzFeed$$' -fuzztime $(FUZZTIME) ./ingest/feed
	$(GO) test -run '^$$' -fuzz '^FuzzList$$' -fuzztime $(FUZZTIME) ./ingest/feed
	$(GO) test -run '^$$' -fuzz '^FuzzSitemap$$' -fuzztime $(FUZZTIME) ./follow
	$(GO) test -run '^$$' -fuzz '^FuzzFeedList$$' -fuzztime $(FUZZTIME) ./follow
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./ingest/warc
	$(GO) test -run '^$$' -fuzz '^FuzzRecords$$' -fuzztime $(FUZZTIME) ./ingest/warc
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME) ./engine
	$(GO) test -run '^$$' -fuzz '^FuzzReader$$' -fuzztime $(FUZZTIME) ./wikidata
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(FUZZTIME) .
	$(GO) test -run '^$$' -fuzz '^FuzzSegments$$' -fuzztime $(FUZZTIME) ./server
	$(GO) test -run '^$$' -fuzz '^FuzzWords$$' -fuzztime $(FUZZTIME) ./eval
	$(GO) test -run '^$$' -fuzz '^FuzzReadPredictionLine$$' -fuzztime $(FUZZTIME) ./eval

# Regenerate the tagger's word lists from ../shared/data/polnear (train only).
lexicon:
	$(GO) generate ./tag/lexicon

# Retrain the embedded attribution model from ../shared/data/polnear (train
# only; deterministic, about 20 s on 2 cores). Commit models/attrib.model.
models:
	$(GO) run ./cmd/quotewire train --out models
