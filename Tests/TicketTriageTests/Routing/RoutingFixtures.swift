import Foundation
import TicketTriage
import TriageModel
import TriageRules
import TriageStore

/// Stores and rules for the routing tests.
enum RoutingFixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two rules: billing tickets are escalated and notified; everything is tagged `seen`.
    static func rules(webhook: String) -> String {
        """
        version: 1
        rules:
          - id: billing-to-finance
            when: {field: triage.department, is: Billing}
            then:
              - escalate: {team: finance, reason: Billing question}
              - notify: {url: "\(webhook)"}
          - id: tag-all
            when: {field: subject, exists: true}
            then:
              - add_tags: [seen]
        """
    }

    /// A store with `count` triaged tickets, the even ones in Billing.
    static func store(tickets count: Int, path: String? = nil) throws -> TicketStore {
        let store = try path.map(TicketStore.init(path:)) ?? TicketStore.inMemory()
        let tickets = (1...count).map { i in
            ImportedTicket(source: "zendesk", externalID: "\(i)", subject: "Ticket \(i)", status: "open",
                           createdAt: now.addingTimeInterval(-3600),
                           messages: [ImportedMessage(externalID: "m\(i)", role: .customer, sentAt: now.addingTimeInterval(-3600),
                                                      text: "Help with ticket \(i)")])
        }
        _ = try store.upsert(tickets, runID: nil)
        for i in 1...count { try triage(store, "zendesk:\(i)", department: i % 2 == 0 ? "Billing" : "Technical Support") }
        return store
    }

    static func triage(_ store: TicketStore, _ reference: String, department: String,
                       priority: Priority = .normal) throws {
        let ticket = try store.ticket(reference: reference)
        try store.saveTriage(ticketID: ticket.id, contentHash: ticket.contentHash,
                             result: TriageResult(department: department, priority: priority, sentiment: .neutral,
                                                  language: "en", confidence: 0.8, summary: "s", backend: .local,
                                                  model: "m", promptVersion: "1"),
                             calls: [], runID: nil, owner: nil)
    }
}
