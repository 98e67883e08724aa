import Foundation
import TriageImport

/// The position of a pull ordered by update time: the oldest update time asked for, and where the client is inside
/// that query (a page number or the API's next-page token).
///
/// Vendors whose list filters by "updated since" (Freshdesk, Jira) are re-queried after every page from the newest
/// update time on it, minus `overlap`: a ticket updated during the pull moves to the end of the order, which can
/// shift an unread ticket onto a page already read when paging by number; re-querying cannot skip it. The overlap
/// re-reads a few tickets, which the store finds unchanged. Only when a whole page shares one update time (no
/// progress possible) does the pull page within the query.
struct HighWaterMark: Equatable {
    /// Seconds since 1970 of the `updated >=` bound.
    var since: Int
    var page = 1
    var pageToken: String?

    init(since: Int, page: Int = 1, pageToken: String? = nil) {
        self.since = since
        self.page = page
        self.pageToken = pageToken
    }

    init(_ position: SyncPosition, vendor: String) throws {
        switch position {
        case let .since(date):
            self.init(since: max(0, Int(date.timeIntervalSince1970.rounded(.down))))
        case let .token(token):
            var since: Int?, page = 1, pageToken: String?
            for part in token.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { throw HelpdeskError.badCursor(vendor: vendor, cursor: token) }
                switch pair[0] {
                case "since": since = Int(pair[1])
                case "page": page = Int(pair[1]) ?? 0
                case "next": pageToken = pair[1]
                default: throw HelpdeskError.badCursor(vendor: vendor, cursor: token)
                }
            }
            guard let since, since >= 0, page >= 1 else { throw HelpdeskError.badCursor(vendor: vendor, cursor: token) }
            self.init(since: since, page: page, pageToken: pageToken)
        }
    }

    var token: String {
        var text = "since=\(since)"
        if page > 1 { text += ";page=\(page)" }
        if let pageToken { text += ";next=\(pageToken)" }
        return text
    }

    /// The resume token and the next position after a page whose newest update is `newest` (`nil`: empty page).
    /// `more` tells whether the API has further pages for the current query; `nextPageToken` is its token when it
    /// pages by token.
    func advance(newest: Date?, more: Bool, overlap: Int, nextPageToken: String? = nil) -> (resume: String, next: SyncPosition?) {
        let bound = newest.map { max(since, Int($0.timeIntervalSince1970.rounded(.down)) - overlap) } ?? since
        let resume = HighWaterMark(since: bound).token
        guard more else { return (resume, nil) }
        if bound > since { return (resume, .token(resume)) }
        // The whole page shares the bound's time: page on within this query.
        let within = HighWaterMark(since: since, page: page + 1, pageToken: nextPageToken)
        return (HighWaterMark(since: since).token, .token(within.token))
    }

    /// Dates as Freshdesk and Jira write them.
    static let dates = FlexibleDateParser(defaultTimeZone: TimeZone(identifier: "UTC")!)
}
