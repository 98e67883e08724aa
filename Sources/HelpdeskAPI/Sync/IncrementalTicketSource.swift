import Foundation
import TriageImport

/// Where an incremental pull starts or goes on: a start time for the first backfill, or a token the vendor
/// client wrote itself (Zendesk's `after_cursor`; Freshdesk's and JSM's high-water mark and page).
public enum SyncPosition: Sendable, Hashable, CustomStringConvertible {
    case since(Date)
    case token(String)

    public var description: String {
        switch self {
        case let .since(date): "since \(ISO8601DateFormatter().string(from: date))"
        case let .token(token): "cursor \(token.prefix(48))"
        }
    }
}

/// One page of an incremental pull, ready for the file importer of the vendor's export format.
public struct SyncPage: Sendable {
    /// A JSON document in the shape the importer of `format` reads from export files (tickets with their
    /// comments or conversations, side-loaded users and groups).
    public var document: Data
    /// Ticket ids on the page, in page order.
    public var ticketIDs: [String]
    /// What to store once this page's tickets are committed: a later run resumes from it.
    public var resume: String
    /// Where this run goes on, or `nil` when the stream ended (the vendor has nothing newer for now).
    public var next: SyncPosition?

    public init(document: Data, ticketIDs: [String], resume: String, next: SyncPosition?) {
        self.document = document
        self.ticketIDs = ticketIDs
        self.resume = resume
        self.next = next
    }
}

/// A help desk whose new and changed tickets can be pulled page by page.
///
/// ```swift
/// var position = SyncPosition.since(start)
/// while true {
///     let page = try await source.fetchPage(position)
///     // import page.document with source.format's importer, commit with page.resume
///     guard let next = page.next else { break }
///     position = next
/// }
/// ```
public protocol IncrementalTicketSource: Sendable {
    /// `zendesk`, `freshdesk`, `jsm`.
    var name: String { get }
    /// The export format whose importer maps the pages (so synced tickets share identity with imported files).
    var format: ImportFormat { get }
    /// The key the stored cursor is kept under: the vendor and the account's host.
    var cursorKey: String { get }
    /// Fetches the page at `position`, with each ticket's comments or conversations.
    func fetchPage(_ position: SyncPosition) async throws -> SyncPage
}
