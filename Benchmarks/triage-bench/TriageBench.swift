import ArgumentParser

/// `triage-bench`: the benchmarks behind BENCHMARKS.md. Build with `-c release`; see `make bench`.
@main
struct TriageBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage-bench",
        abstract: "Benchmarks for TicketTriage (run a release build).",
        subcommands: [
            // Each area registers its benchmark command here.
            ImportBench.self,
            LocalModelBench.self,
            LocalCorpusBench.self,
            DefaultModelGenerator.self,
            AnthropicBench.self,
            XMLBench.self,
            DigestBench.self,
            MailBench.self,
            MailDump.self,
            RouteBench.self,
            RuleEvalBench.self,
            SyncBench.self,
        ]
    )
}
