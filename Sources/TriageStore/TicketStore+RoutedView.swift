import Foundation
import GRDB
import TriageModel

extension TicketStore {
    /// The routing state of each routed ticket among `ticketIDs` (never-routed tickets are left out), without
    /// escalations and firings: what `triage list` shows.
    public func routingViews(ticketIDs: [Int64]) throws -> [Int64: TicketRouting] {
        guard !ticketIDs.isEmpty else { return [:] }
        return try read("reading routing changes") { db in
            var views: [Int64: TicketRouting] = [:]
            // Chunks stay far below SQLite's limit on bound parameters.
            for start in stride(from: 0, to: ticketIDs.count, by: 500) {
                let chunk = Array(ticketIDs[start..<min(ticketIDs.count, start + 500)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, routed_hash, content_hash, routing_overrides FROM tickets
                    WHERE routed_hash IS NOT NULL AND id IN (\(marks))
                    """, arguments: StatementArguments(chunk))
                for row in rows { views[row["id"]] = Self.routing(from: row) }
            }
            return views
        }
    }

    /// The routing state of one ticket with its escalations and every rule firing (all content versions);
    /// `nil` when it was never routed.
    public func routingDetail(ticketID: Int64) throws -> TicketRouting? {
        try read("reading the routing history") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, routed_hash, content_hash, routing_overrides FROM tickets WHERE id = ? AND routed_hash IS NOT NULL
                """, arguments: [ticketID]) else { return nil }
            let contentHash: String = row["content_hash"]
            var routing = Self.routing(from: row)
            routing.escalations = try Row.fetchAll(db, sql: """
                SELECT f.rule_id, e.team, e.reason, e.created_at FROM escalations e JOIN rule_firings f ON f.id = e.firing_id
                WHERE e.ticket_id = ? ORDER BY e.created_at, e.id
                """, arguments: [ticketID]).map { row in
                TicketRouting.EscalationEntry(ruleID: row["rule_id"], team: row["team"], reason: row["reason"],
                                              createdAt: SQLDate.date(row["created_at"]) ?? .distantPast)
            }
            routing.firings = try Row.fetchAll(db, sql: """
                SELECT f.rule_id, f.fired_at, f.content_hash, f.matched,
                    (SELECT json_group_array(e.team) FROM escalations e WHERE e.firing_id = f.id) AS teams
                FROM rule_firings f WHERE f.ticket_id = ? ORDER BY f.fired_at, f.id
                """, arguments: [ticketID]).map { row in
                let hash: String = row["content_hash"]
                return TicketRouting.FiringEntry(
                    ruleID: row["rule_id"], firedAt: SQLDate.date(row["fired_at"]) ?? .distantPast, contentHash: hash,
                    current: hash == contentHash, teams: RoutingJSONReader.strings(row["teams"] ?? "[]"),
                    matched: RoutingJSONReader.strings(row["matched"]))
            }
            return routing
        }
    }

    /// The routed view of a row with `routed_hash`, `content_hash` and `routing_overrides` (``RoutingOverrides``).
    static func routing(from row: Row) -> TicketRouting {
        let routedHash: String = row["routed_hash"], contentHash: String = row["content_hash"]
        let overrides = RoutingOverrides.decode(row["routing_overrides"])
        return TicketRouting(
            routedHash: routedHash, current: routedHash == contentHash, department: overrides?.department,
            priority: overrides?.priority?.rawValue, addedTags: overrides?.addedTags ?? [],
            removedTags: overrides?.removedTags ?? [], needsHumanReason: overrides?.needsHumanReason)
    }
}
