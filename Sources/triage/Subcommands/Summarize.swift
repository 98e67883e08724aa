import AnthropicClient
import ArgumentParser
import Foundation
import TicketTriage
import TriageClassify
import TriageModel
import TriageStore

/// `triage summarize ID… [--stream] [--backend claude|local] [--format text|json]`: a fresh summary for the
/// agent handling a ticket, stored as the ticket's summary with its call and cost.
struct Summarize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a fresh summary of triaged tickets for the agent handling them, and store it.",
        discussion: """
            The summary replaces the one of the ticket's current triage result; the model call and its cost are
            recorded. With --stream the text appears as Claude writes it. A failed or broken-off answer stores
            nothing and exits non-zero (69 the API failed, 78 the key or account was rejected).
              triage summarize zendesk:41017 --stream
            """)

    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case claude, local
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The tickets: store id, source:external_id or a unique external id.") var ids: [String]
    @Flag(help: "Show the text as the tokens arrive (Claude only; text format only).") var stream = false
    @Option(help: "claude, or local (extractive, offline, free).") var backend: Backend = .claude
    @Option(help: "Folder with prompts/ (default: $TRIAGE_TEMPLATES, ./Templates, the install, the checkout).") var templates: String?

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one ticket") }
        if stream && output.format == .json { throw ValidationError("--stream writes text as it arrives: use it with --format text") }
        if stream && backend == .local { throw ValidationError("--stream goes with --backend claude (the local summary is instant)") }
    }

    func run() async throws {
        try await execute()
    }

    private func execute() async throws {
        let store = try global.openExistingStore()
        let configuration = try global.loadConfiguration()
        let logger = global.logger()
        var tickets: [(reference: String, ticket: TicketForTriage)] = []
        for reference in ids {
            let found = try store.ticketForSummary(reference: reference)
            guard found.triagedCurrent else {
                throw CommandFailure("ticket \(reference) has no triage result for its current content, so there is no summary to replace — run `triage run` first", status: .failure)
            }
            tickets.append((reference, found.ticket))
        }
        let claude = backend == .claude
            ? try BackendFactory(global: global, templates: templates).claude(configuration: configuration, logger: logger, concurrency: 1)
            : nil
        let builder = TicketTextBuilder()
        var written: [SummaryLine] = []
        for (reference, ticket) in tickets {
            let text = builder.text(for: ticket)
            if ids.count > 1 && output.format == .text { Terminal.out("ticket \(ticket.id) (\(reference)):") }
            let summary: String
            var call: LLMCallRecord?
            if let claude {
                do {
                    let outcome = try await claude.summarize(text, stream: stream) { piece in Self.write(piece) }
                    summary = outcome.text
                    call = outcome.call
                } catch let error as SummaryError {
                    if stream { Self.write("\n") }
                    try store.recordCalls([error.call], ticketID: ticket.id, runID: nil)
                    throw CommandFailure("ticket \(reference): \(error.userMessage)", status: error.exitStatus)
                }
                if stream { Self.write("\n") } else if output.format == .text { Terminal.out(summary) }
            } else {
                summary = ExtractiveSummarizer(maxWords: configuration.claude.summaryWords).summarize(subject: text.subject, body: text.body)
                if output.format == .text { Terminal.out(summary) }
            }
            guard try store.saveSummary(ticketID: ticket.id, contentHash: ticket.contentHash, summary: summary,
                                        calls: call.map { [$0] } ?? []) else {
                throw CommandFailure("ticket \(reference) changed while it was summarized; the summary was not stored — run `triage run`, then summarize again", status: .temporary)
            }
            if let call {
                Terminal.err("ticket \(ticket.id): summary stored (\(call.model), \(call.usage.inputTokens + call.usage.cacheReadInputTokens + call.usage.cacheCreationInputTokens) input / \(call.usage.outputTokens) output tokens, $\(String(format: "%.6f", call.costUSD ?? 0))\(call.requestID.map { ", request-id \($0)" } ?? ""))")
            }
            written.append(SummaryLine(ticketId: ticket.id, summary: summary, backend: backend.rawValue, model: call?.model,
                                       costUsd: call?.costUSD ?? 0, requestId: call?.requestID))
        }
        if output.format == .json { try Terminal.json(written) }
    }

    /// Text as it arrives, unbuffered, on stdout.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// `triage summarize --format json`: one entry per ticket.
private struct SummaryLine: Encodable {
    var ticketId: Int64
    var summary: String
    var backend: String
    var model: String?
    var costUsd: Double
    var requestId: String?
}
