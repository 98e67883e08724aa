import Foundation
import HelpdeskAPI
import TriageRules
import TriageStore

/// Where a `write_back` goes: the help desk a ticket came from and its id there, written into the outbox as the
/// row's target `VENDOR:TICKET` (`zendesk:4711`, `freshdesk:88`, `jsm:SUP-12`) with the update as the body.
///
/// The vendor follows from the ticket's source: `zendesk`, `freshdesk`, and `jira` (what the Jira importer and
/// `triage sync jsm` store) → `jsm`. Tickets from other sources (mail, CSV, …) have no help desk to write to; their
/// write-backs are not queued.
public struct HelpdeskTarget: Sendable, Hashable, CustomStringConvertible {
    /// `zendesk`, `freshdesk` or `jsm` (the names `triage sync` takes).
    public var vendor: String
    public var ticketID: String

    public init(vendor: String, ticketID: String) {
        self.vendor = vendor
        self.ticketID = ticketID
    }

    /// Reads an outbox target; `nil` when it is not `VENDOR:TICKET` with a known vendor.
    public init?(target: String) {
        guard let colon = target.firstIndex(of: ":") else { return nil }
        let vendor = String(target[..<colon])
        let ticket = String(target[target.index(after: colon)...])
        guard Self.vendors.contains(vendor), !ticket.isEmpty, !ticket.hasPrefix("/") else { return nil }
        self.init(vendor: vendor, ticketID: ticket)
    }

    public var description: String { "\(vendor):\(ticketID)" }

    static let vendors: Set<String> = ["zendesk", "freshdesk", "jsm"]

    /// The help desk a ticket of `source` lives in, or `nil` for sources that are not a help desk.
    public static func vendor(forSource source: String) -> String? {
        switch source.lowercased() {
        case "zendesk": "zendesk"
        case "freshdesk": "freshdesk"
        case "jira", "jsm": "jsm"
        default: nil
        }
    }

    /// The outbox row for a rendered write, or `nil` when its ticket's source is not a help desk.
    static func outboxRow(_ write: HelpdeskWrite) -> RoutingRecord.Notification? {
        guard let vendor = vendor(forSource: write.source) else { return nil }
        let update = HelpdeskUpdate(addTags: write.addTags, removeTags: write.removeTags, priority: write.priority,
                                    groupID: write.groupID, assigneeID: write.assigneeID, customFields: write.customFields,
                                    internalNote: write.internalNote)
        let target = HelpdeskTarget(vendor: vendor, ticketID: write.externalID)
        return RoutingRecord.Notification(url: target.description, body: encode(update), idempotencyKey: write.idempotencyKey,
                                          kind: "helpdesk")
    }

    static func encode(_ update: HelpdeskUpdate) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(update)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ body: String) -> HelpdeskUpdate? {
        try? JSONDecoder().decode(HelpdeskUpdate.self, from: Data(body.utf8))
    }
}
