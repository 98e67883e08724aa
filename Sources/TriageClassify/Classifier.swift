import Foundation
import TriageModel

/// What a classifier reads of a ticket: plain text, already trimmed of quotes and signatures.
public struct TicketText: Sendable, Hashable {
    /// The store's id of the ticket, for logs and batch `custom_id`s.
    public var ticketID: Int64
    public var subject: String
    /// The customer-visible conversation, oldest first, each message prefixed by its role.
    public var body: String
    /// The channel and other facts a prompt may mention.
    public var channel: String?

    public init(ticketID: Int64, subject: String, body: String, channel: String? = nil) {
        self.ticketID = ticketID
        self.subject = subject
        self.body = body
        self.channel = channel
    }
}

/// A classifier's answer for one ticket plus every model call it made to get it.
public struct Classification: Sendable, Hashable {
    /// `nil` when no valid answer was obtained (the calls say why); the ticket then stays pending.
    public var result: TriageResult?
    public var calls: [LLMCallRecord]

    public init(result: TriageResult?, calls: [LLMCallRecord] = []) {
        self.result = result
        self.calls = calls
    }
}

/// Turns a ticket's text into a department, priority, sentiment, language, confidence and summary.
///
/// Implementations: the local model (offline), Claude, and a cascade of both. A tiny fake:
///
/// ```swift
/// struct AlwaysBilling: Classifier {
///     func classify(_ ticket: TicketText) async throws -> Classification {
///         Classification(result: TriageResult(department: "Billing", priority: .normal, sentiment: .neutral,
///             language: "en", confidence: 1, summary: ticket.subject, backend: .local, model: "fake",
///             promptVersion: "1"))
///     }
/// }
/// ```
public protocol Classifier: Sendable {
    func classify(_ ticket: TicketText) async throws -> Classification
}
