import ArgumentParser

/// `triage`: import support tickets, triage them, route them and report on them.
struct Triage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Import, triage, route and report on support tickets.",
        discussion: """
            A typical day:
              triage import exports/zendesk-2026-11-24.json
              triage list --pending
              triage show zendesk:41017

            Exit codes: 0 success; 1 failure; 3 finished but some records failed; 64 usage error;
            65 input of the wrong format; 66 input missing (file, store, model or ticket not found);
            69 service unavailable; 75 temporary failure (try again); 78 configuration error.

            Files triage creates (store, model, digests, exports) are readable by their owner only (0600);
            TRIAGE_FILE_MODE=0640 makes them group-readable.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Import.self, Inspect.self, List.self, Show.self, Search.self, Export.self, Stats.self,
            Train.self, Run.self, Batches.self, Eval.self, Route.self, Rules.self, Outbox.self, Digest.self,
            Sync.self, Summarize.self,
        ]
    )
}
