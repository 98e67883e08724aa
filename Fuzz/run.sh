#!/bin/sh
# Builds and runs the libFuzzer target for MailParser.
#
#   Fuzz/run.sh [seconds]        (default 660; run from the package root)
#
# Build: swiftc with -sanitize=fuzzer,address over the MailParser sources plus Fuzz/FuzzEntry.swift.
# Corpus: Fuzz/corpus (seeded from the test fixtures and SampleTickets/email); crashes land in Fuzz/artifacts.
set -eu
SECONDS_TO_RUN="${1:-660}"
cd "$(dirname "$0")/.."
mkdir -p .build/fuzz Fuzz/corpus Fuzz/artifacts
swiftc -O -g -parse-as-library -module-name MailParser \
    -sanitize=fuzzer,address \
    Sources/MailParser/*.swift Fuzz/FuzzEntry.swift \
    -o .build/fuzz/mailparser-fuzz
# Seed the corpus with every hand-written message (copies; the corpus grows with what the fuzzer finds).
for f in Tests/MailParserTests/Fixtures/*.eml Tests/TriageImportTests/Fixtures/email/*.eml SampleTickets/email/*.eml; do
    [ -f "$f" ] && cp "$f" Fuzz/corpus/ 2>/dev/null || true
done
timeout "$((SECONDS_TO_RUN + 30))" .build/fuzz/mailparser-fuzz \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=Fuzz/artifacts/ -print_final_stats=1 \
    Fuzz/corpus
