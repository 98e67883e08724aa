import AnthropicClient
import Foundation
import TriageModel

/// A summary written on demand, with the call that wrote it.
public struct SummaryOutcome: Sendable {
    /// The summary, placeholders restored when the settings say so.
    public var text: String
    public var call: LLMCallRecord
}

/// Why a summary could not be written. Carries the failed call so its cost is recorded anyway.
public struct SummaryError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The call as made (outcome `failed` or `invalid_answer`).
    public var call: LLMCallRecord
    /// The underlying client error, when there was one.
    public var underlying: AnthropicError?

    public var description: String { message }
}

extension ClaudeClassifier {
    /// The request for a plain-text summary of `ticket` (redacted) for the agent who handles it.
    func summaryRequest(_ ticket: TicketText) -> (request: MessageRequest, redaction: RedactedText) {
        let subject = ticket.subject.replacingOccurrences(of: "\n", with: " ")
        let redaction = redactor.redact(subject + "\n\n" + ticket.body)
        let system = """
            You summarize customer support tickets for the support agent who will handle them. Write at most \
            \(settings.summaryWords) words in \(settings.summaryLanguage): what the customer wants, what went wrong, \
            and what was already tried. Plain text only: no preamble, no headings, no markdown. Placeholders such as \
            [EMAIL_1] stand for removed personal data; keep them as they are.
            """
        let effort: Effort? = catalog.spec(for: model)?.thinking == .adaptive ? settings.effort.map(Effort.init(rawValue:)) : nil
        let request = MessageRequest(model: model, maxTokens: settings.maxTokens,
                                     messages: [.user("<ticket>\n\(redaction.text)\n</ticket>")],
                                     system: .text(system), outputConfig: effort.map { OutputConfig(effort: $0) })
        return (request, redaction)
    }

    /// Writes a summary of `ticket`. With `stream`, `onText` gets the text as the tokens arrive (placeholders
    /// restored as soon as they are complete); without, once at the end.
    ///
    /// - Throws: ``SummaryError`` when the API fails, the stream drops or errs midway, or the answer is cut
    ///   short (`max_tokens`) or refused: no partial text is ever returned as a summary. ``ClaudeRunStop`` is
    ///   available from the error's `underlying` for exit codes. `CancellationError` when cancelled.
    public func summarize(_ ticket: TicketText, stream: Bool,
                          onText: @Sendable (String) async -> Void = { _ in }) async throws -> SummaryOutcome {
        let (request, redaction) = summaryRequest(ticket)
        let restore = settings.redaction.restoreInSummary
        let started = Date()
        let clock = ContinuousClock.now
        var requestID: String?
        func failed(_ message: String, usage: Usage = Usage(), outcome: LLMCallRecord.Outcome = .failed,
                    underlying: AnthropicError? = nil) -> SummaryError {
            var call = record(usage: usage, requestID: requestID, started: started,
                              latency: Self.milliseconds(ContinuousClock.now - clock), outcome: outcome, error: message)
            call.purpose = "summarize"
            return SummaryError(message: message, call: call, underlying: underlying)
        }
        let message: Message
        do {
            if stream {
                let events = try await client.streamMessage(request)
                requestID = events.requestID
                var pending = PlaceholderBuffer()
                message = try await events.accumulate { piece in
                    let ready = pending.feed(piece)
                    if !ready.isEmpty { await onText(restore ? redaction.restore(ready) : ready) }
                }
                let rest = pending.flush()
                if !rest.isEmpty { await onText(restore ? redaction.restore(rest) : rest) }
            } else {
                let response = try await client.createMessage(request)
                requestID = response.requestID
                message = response.message
            }
        } catch let error as AnthropicError {
            if Task.isCancelled { throw CancellationError() }
            if requestID == nil { requestID = Self.requestID(of: error) }
            let place = stream && requestID != nil ? "the summary stream broke off" : "the summary request failed"
            throw failed("\(place): \(error) — nothing was stored; run the command again", underlying: error)
        }
        let text = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch message.stopReason {
        case .endTurn?, .stopSequence?:
            break
        case .maxTokens?:
            throw failed("the summary was cut off at max_tokens (\(settings.maxTokens)) — raise `claude.max_tokens` or lower `summary_words`; nothing was stored",
                         usage: message.usage, outcome: .invalidAnswer)
        default:
            throw failed("the model did not write a summary (stop reason \(message.stopReason.map { "\($0)" } ?? "none")); nothing was stored",
                         usage: message.usage, outcome: .invalidAnswer)
        }
        guard !text.isEmpty else {
            throw failed("the model returned an empty summary; nothing was stored", usage: message.usage, outcome: .invalidAnswer)
        }
        var call = record(usage: message.usage, requestID: requestID, started: started,
                          latency: Self.milliseconds(ContinuousClock.now - clock), outcome: .succeeded)
        call.purpose = "summarize"
        return SummaryOutcome(text: restore ? redaction.restore(text) : text, call: call)
    }
}

/// Holds back streamed text from an unclosed `[` on, so a placeholder split across deltas (`[EMA` + `IL_1]`) is
/// restored whole.
struct PlaceholderBuffer {
    private var held = ""

    /// The text that can be shown now.
    mutating func feed(_ piece: String) -> String {
        held += piece
        guard let open = held.lastIndex(of: "["), held[open...].firstIndex(of: "]") == nil,
              held.distance(from: open, to: held.endIndex) <= 24 else {
            defer { held = "" }
            return held
        }
        let ready = String(held[..<open])
        held = String(held[open...])
        return ready
    }

    /// Whatever is still held, at the end of the stream.
    mutating func flush() -> String {
        defer { held = "" }
        return held
    }
}
