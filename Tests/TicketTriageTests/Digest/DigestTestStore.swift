import Foundation
import TriageModel
import TriageStore

/// A store around Sunday 8 March 2026 in New York, the 23-hour day clocks go forward
/// (local day = 2026-03-08T05:00Z ..< 2026-03-09T04:00Z).
///
/// | ticket | created (UTC) | New York day | UTC day | label   | result                                  |
/// |--------|---------------|--------------|---------|---------|-----------------------------------------|
/// | T1     | 03-08 05:30   | 8th          | 8th     | —       | Billing, urgent, negative, "Refund failed twice" |
/// | T2     | 03-09 03:30   | 8th          | 9th     | Sales   | —                                       |
/// | T3     | 03-08 04:30   | 7th          | 8th     | Billing | —                                       |
/// | T4     | 03-09 04:00   | 9th          | 9th     | —       | —                                       |
/// | T5     | 03-03 12:00   | 3rd          | 3rd     | —       | —                                       |
enum DigestTestStore {
    static func instant(_ iso: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: iso) else { fatalError("bad fixture date \(iso)") }
        return date
    }

    static func make() throws -> TicketStore {
        let store = try TicketStore.inMemory()
        func ticket(_ id: String, _ created: String, label: String? = nil, subject: String) -> ImportedTicket {
            ImportedTicket(source: "desk", externalID: id, subject: subject, status: "open", channel: "email",
                           createdAt: instant(created), labelDepartment: label,
                           messages: [ImportedMessage(externalID: "\(id)-1", sentAt: instant(created), text: "Body \(id)")])
        }
        let tickets = [
            ticket("T1", "2026-03-08T05:30:00Z", subject: "Refund failed on my card"),
            ticket("T2", "2026-03-09T03:30:00Z", label: "Sales", subject: "Refund failed again"),
            ticket("T3", "2026-03-08T04:30:00Z", label: "Billing", subject: "Invoice address"),
            ticket("T4", "2026-03-09T04:00:00Z", subject: "Password reset"),
            ticket("T5", "2026-03-03T12:00:00Z", subject: "Shipping delay"),
        ]
        _ = try store.upsert(tickets, runID: nil)
        let t1 = try store.ticket(reference: "desk:T1").id
        try store.saveTriage(ticketID: t1, contentHash: tickets[0].contentHash,
                             result: TriageResult(department: "Billing", priority: .urgent, sentiment: .negative, language: "en",
                                                  confidence: 0.92, summary: "Refund failed twice", backend: .local,
                                                  model: "local-nb", promptVersion: "p1"),
                             calls: [], runID: nil, owner: nil, at: instant("2026-03-08T06:00:00Z"))
        return store
    }
}
