# TicketTriage — build, test, demo, benchmark, install.
# Quick start on a fresh machine: `make demo`, then `make test`.

SWIFT    ?= swift
PREFIX   ?= /usr/local
DEMO_DIR ?= out/demo
BENCH_DIR ?= Benchmarks/data
TRIAGE    = .build/debug/triage
DEMO_OPTS = --db $(DEMO_DIR)/triage.sqlite --config $(DEMO_DIR)/triage.yml

.PHONY: all deps build release test demo demo-claude demo-sync bench bench-all install clean

all: build

## deps: install missing system packages (libcurl, libxml2, SQLite headers)
deps:
	@scripts/install-deps.sh

## build: debug build of everything
build: deps
	$(SWIFT) build

## release: optimized build of the CLI
release: deps
	$(SWIFT) build -c release --product triage

## test: the whole test suite
## The suites that check real timeouts over loopback sockets run first, on their own: in one test process the
## CPU-bound suites (model training, big imports) can occupy every thread of the concurrency pool for seconds, and
## an in-process server that cannot answer makes a 3-second idle timeout fire. Every other suite runs after them.
NETWORK_SUITES = TriageNetworkTests|AnthropicClientTests|HelpdeskAPITests|OutboxDeliveryTests|RoutingServiceTests
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter '$(NETWORK_SUITES)'
	$(SWIFT) test --skip-build --skip '$(NETWORK_SUITES)'

## demo: import SampleTickets/ into a fresh demo store, train the local model, triage, show the result
demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@$(TRIAGE) init $(DEMO_OPTS)
	@echo "== import SampleTickets/"
	@$(TRIAGE) import $(DEMO_OPTS) SampleTickets
	@echo "== importing again changes nothing"
	@$(TRIAGE) import $(DEMO_OPTS) SampleTickets | tail -n 2
	@echo "== train the local model on the labelled samples (20% held out)"
	@$(TRIAGE) train $(DEMO_OPTS) | head -n 3
	@echo "== triage with the local model (offline, no API key)"
	@$(TRIAGE) run --backend local $(DEMO_OPTS)
	@echo "== route (the sample rules' webhooks point at 127.0.0.1:8765, not running here: they wait in the outbox)"
	@$(TRIAGE) route $(DEMO_OPTS) --rules SampleTickets/rules.yml --no-delivery
	@echo "== the store"
	@$(TRIAGE) stats $(DEMO_OPTS)
	@echo "== newest tickets"
	@$(TRIAGE) list $(DEMO_OPTS) --limit 8
	@echo "== search: refund"
	@$(TRIAGE) search $(DEMO_OPTS) refund --limit 3
	@echo "== the daily digest for 2026-11-24 (the samples' last day)"
	@$(TRIAGE) digest $(DEMO_OPTS) --rules SampleTickets/rules.yml --date 2026-11-24 --format text | head -n 30
	@$(TRIAGE) digest $(DEMO_OPTS) --rules SampleTickets/rules.yml --date 2026-11-24 --format html --out $(DEMO_DIR)/digest.html
	@echo
	@echo "Demo store:  $(DEMO_DIR)/triage.sqlite"
	@echo "HTML digest: $(DEMO_DIR)/digest.html"
	@echo "Try:         $(TRIAGE) show $(DEMO_OPTS) zendesk:41001"

## demo-claude: the same pipeline through Claude, against the project's fake Anthropic server (no key, no network)
demo-claude: build
	@rm -rf $(DEMO_DIR)-claude && mkdir -p $(DEMO_DIR)-claude
	@$(TRIAGE) import --db $(DEMO_DIR)-claude/triage.sqlite SampleTickets > /dev/null
	@$(TRIAGE) train --db $(DEMO_DIR)-claude/triage.sqlite > /dev/null
	@sleep 1800 2> /dev/null < /dev/null | .build/debug/mock-anthropic --port 18555 --key demo-key > $(DEMO_DIR)-claude/mock.log 2>&1 & \
	 sleep 1; \
	 export ANTHROPIC_API_KEY=demo-key ANTHROPIC_BASE_URL=http://127.0.0.1:18555; \
	 echo "== dry run: what it would cost at most"; \
	 $(TRIAGE) run --db $(DEMO_DIR)-claude/triage.sqlite --backend claude --dry-run | tail -n 1; \
	 echo "== cascade: the local model when it is sure, Claude (the fake) otherwise"; \
	 $(TRIAGE) run --db $(DEMO_DIR)-claude/triage.sqlite --backend cascade --budget 1.00; \
	 status=$$?; pkill -x mock-anthropic; exit $$status
	@echo "== tokens and cost"
	@$(TRIAGE) stats --db $(DEMO_DIR)-claude/triage.sqlite | head -n 4

## demo-sync: sync from fake Zendesk, Freshdesk and JSM APIs (mock-helpdesk on loopback), then triage, route with
## write-back to the fakes, digest
SYNC_DIR  = $(DEMO_DIR)-sync
SYNC_OPTS = --db $(SYNC_DIR)/triage.sqlite
demo-sync: build
	@rm -rf $(SYNC_DIR) && mkdir -p $(SYNC_DIR)
	@sleep 1800 2> /dev/null < /dev/null | .build/debug/mock-helpdesk --zendesk-port 18561 --freshdesk-port 18562 --jsm-port 18563 --tickets 60 > $(SYNC_DIR)/mock.log 2>&1 & \
	 mock=$$!; sleep 1; \
	 export ZENDESK_BASE_URL=http://127.0.0.1:18561 ZENDESK_EMAIL=agent@example.com ZENDESK_API_TOKEN=zd-test-token-7f3a; \
	 export FRESHDESK_BASE_URL=http://127.0.0.1:18562 FRESHDESK_API_KEY=fd-test-key-4b1e; \
	 export JSM_BASE_URL=http://127.0.0.1:18563 JSM_EMAIL=bot@example.com JSM_API_TOKEN=atl-test-token-c9d0 JSM_JQL='project = SUP'; \
	 echo "== dry run: what the first Zendesk sync would fetch"; \
	 $(TRIAGE) sync zendesk $(SYNC_OPTS) --since 2020-01-01 --dry-run | tail -n 3 && \
	 echo "== first syncs (backfill from --since)" && \
	 $(TRIAGE) sync zendesk $(SYNC_OPTS) --since 2020-01-01 && \
	 $(TRIAGE) sync freshdesk $(SYNC_OPTS) --since 2020-01-01 && \
	 $(TRIAGE) sync jsm $(SYNC_OPTS) --since 2020-01-01 && \
	 echo "== the daily job: sync from the stored cursors, triage, route, digest" && \
	 $(TRIAGE) sync zendesk $(SYNC_OPTS) && \
	 $(TRIAGE) train $(SYNC_OPTS) | head -n 1 && \
	 $(TRIAGE) run --backend local $(SYNC_OPTS) && \
	 echo "== route with write-back (SampleTickets/writeback-rules.yml): rules write into the tickets they came from" && \
	 $(TRIAGE) route $(SYNC_OPTS) --rules SampleTickets/writeback-rules.yml | tail -n 4 && \
	 echo "== what the fake help desks received (first three writes; each ticket once)" && \
	 grep -m 3 ' write: ' $(SYNC_DIR)/mock.log | cut -c 1-400 && \
	 echo "== routing again writes nothing new" && \
	 $(TRIAGE) route $(SYNC_OPTS) --rules SampleTickets/writeback-rules.yml | tail -n 2 && \
	 $(TRIAGE) outbox list $(SYNC_OPTS) --delivered --limit 3 && \
	 $(TRIAGE) digest $(SYNC_OPTS) --rules SampleTickets/rules.yml --format text | head -n 20; \
	 status=$$?; kill $$mock 2> /dev/null; exit $$status

## bench: the import benchmark (see BENCHMARKS.md): `triage import` of 1M realistic multi-comment tickets, its
## re-import, parse alone and the raw-SQLite floor for the same rows, with the ratios; the Python and C baselines
## of ../shared/baselines run beside it when that folder exists. The old one-message shape:
## `make bench BENCH_IMPORT_OPTS="--shape single"`.
BASELINES ?= ../shared/baselines
BENCH_IMPORT_OPTS ?=
bench: deps
	$(SWIFT) build -c release --product triage-bench
	$(SWIFT) build -c release --product triage
	@mkdir -p $(BENCH_DIR)
	.build/release/triage-bench import --tickets 1000000 --dir $(BENCH_DIR) --baselines $(BASELINES) $(BENCH_IMPORT_OPTS)

## bench-all: every benchmark of BENCHMARKS.md at its documented size (10-15 minutes, ~10 GB of scratch data)
bench-all: bench
	$(SWIFT) build -c release --product mock-anthropic
	.build/release/triage-bench route --tickets 1000000 --rules 100 --dir $(BENCH_DIR)
	.build/release/triage-bench digest --tickets 1000000 --dir $(BENCH_DIR)
	.build/release/triage-bench mail --messages 100000 --path $(BENCH_DIR)/bench.mbox
	.build/release/triage-bench xml --size-mb 1024 --out $(BENCH_DIR)/xml
	.build/release/triage-bench local --tickets 111112
	.build/release/triage-bench anthropic

## install: the CLI to $(PREFIX)/bin and the templates to $(PREFIX)/share/triage
install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/triage
	install -m 755 .build/release/triage $(PREFIX)/bin/triage
	cp -R Templates $(PREFIX)/share/triage/ 2>/dev/null || true

clean:
	rm -rf .build out
