# quotewire — common tasks. `make test` is the test command CI runs.

GO ?= go

.PHONY: test vet build demo bench fuzz lexicon models

# Unit, golden, corpus and agreement tests. Tests that need ../shared
# (PolNeAR, the reference scorer) skip with a message when it is absent.
test:
	$(GO) test ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

build:
	$(GO) build -o bin/quotewire ./cmd/quotewire

# The main job on the founding article.
demo:
	$(GO) run ./cmd/quotewire extract --format table testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt

# Speed: the end-to-end and per-stage benchmarks (ratio to a one-pass read
# is the x-read metric), then quotewire bench on PolNeAR train.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 5x ./engine
	$(GO) run ./cmd/quotewire bench

# Each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzAttribute$$' -fuzztime $(FUZZTIME) ./attrib
	$(GO) test -run '^$$' -fuzz '^FuzzSegment$$' -fuzztime $(FUZZTIME) ./text
	$(GO) test -run '^$$' -fuzz '^FuzzMeta$$' -fuzztime $(FUZZTIME) ./meta
	$(GO) test -run '^$$' -fuzz '^FuzzJSONL$$' -fuzztime $(FUZZTIME) ./ingest/jsonl
	$(GO) test -run '^$$' -fuzz '^FuzzText$$' -fuzztime $(FUZZTIME) ./ingest/textfile
	$(GO) test -run '^$$' -fuzz '^FuzzHTML$$' -fuzztime $(FUZZTIME) ./ingest/htmlfile
	$(GO) test -run '^$$' -fuzz '^FuzzSniff$$' -fuzztime $(FUZZTIME) ./ingest

# Regenerate the tagger's word lists from ../shared/data/polnear (train only).
lexicon:
	$(GO) generate ./tag/lexicon

# Retrain the embedded attribution model from ../shared/data/polnear (train
# only; deterministic, about 20 s on 2 cores). Commit models/attrib.model.
models:
	$(GO) run ./cmd/quotewire train --out models
