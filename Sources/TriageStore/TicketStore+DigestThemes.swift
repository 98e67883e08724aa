import Foundation
import GRDB

extension TicketStore {
    /// The texts of tickets created in `window`, for comparing a day's themes with earlier weeks.
    ///
    /// At most `limit` tickets are read, evenly spaced in creation order over the whole window (a systematic
    /// sample, so a long window stays fast); `total` counts all of them.
    public func digestThemeDocuments(for window: DigestAggregates.Window, limit: Int)
        throws -> (total: Int, documents: [DigestAggregates.ThemeDocument]) {
        try read("reading earlier tickets for the digest's themes") { db in
            // Ids only: a range scan of the `tickets_created` index, no table rows.
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM tickets WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id
                """, arguments: [SQLDate.string(window.start), SQLDate.string(window.end)])
            let chosen = limit > 0 && ids.count > limit ? (0..<limit).map { ids[$0 * ids.count / limit] } : (limit > 0 ? ids : [])
            var documents: [DigestAggregates.ThemeDocument] = []
            documents.reserveCapacity(chosen.count)
            for start in stride(from: 0, to: chosen.count, by: 500) {
                let chunk = Array(chosen[start..<min(start + 500, chosen.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT CAST(t.subject AS BLOB) AS subject, t.tags, r.summary FROM tickets t \(Self.currentResultJoin) WHERE t.id IN (\(marks))
                    """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    documents.append(.init(subject: row[0], summary: row[2], tags: Self.tagList(row[1])))
                }
            }
            return (ids.count, documents)
        }
    }
}
