import Foundation
import TriageModel

/// Everything one evaluation reads: the ticket, its triage result, the previous version, and the time.
///
/// Evaluation never reads the clock: `now` is given, so the same subject always gives the same outcome.
public struct RuleSubject: Sendable, Hashable, Codable {
    /// A version of the ticket that `changed` compares against.
    public struct Version: Sendable, Hashable, Codable {
        public var ticket: TicketFacts
        public var triage: TriageResult?
        /// When set, the version's `text` was kept only as this digest (``digest(ofText:)``) and `ticket.text` is
        /// not read: `changed` on `text` compares digests. Stores keep a digest rather than a second copy of every
        /// ticket's customer text.
        public var textDigest: String?

        public init(ticket: TicketFacts, triage: TriageResult?, textDigest: String? = nil) {
            self.ticket = ticket
            self.triage = triage
            self.textDigest = textDigest
        }

        /// The digest of a `text` value that ``textDigest`` holds (64-bit FNV-1a, 16 hex digits).
        public static func digest(ofText text: String) -> String {
            var hasher = ContentHasher()
            hasher.combine(text)
            return hasher.hex
        }
    }

    public var ticket: TicketFacts
    /// `nil` for a ticket not triaged yet: `triage.*` fields are then missing.
    public var triage: TriageResult?
    /// The version rules last ran on; `nil` for a new ticket (then `changed` never holds).
    public var previous: Version?
    /// The ticket's content hash: a rule fires at most once per content version (it keys notifications).
    public var contentHash: String
    public var now: Date

    public init(ticket: TicketFacts, triage: TriageResult?, previous: Version? = nil, contentHash: String, now: Date) {
        self.ticket = ticket
        self.triage = triage
        self.previous = previous
        self.contentHash = contentHash
        self.now = now
    }

    /// A subject for an imported ticket, with its content hash.
    public init(ticket: ImportedTicket, triage: TriageResult?, previous: Version? = nil, now: Date) {
        self.init(ticket: TicketFacts(ticket), triage: triage, previous: previous, contentHash: ticket.contentHash,
                  now: now)
    }

    /// `source:externalID`: how explanations name the ticket, as every command and the store do (`triage show`).
    public var ticketKey: String { "\(ticket.source):\(ticket.externalID)" }
}
