import TriageModel

/// An imported ticket with customer, agent and internal messages.
enum ImportedTicketSample {
    static func make() -> ImportedTicket {
        ImportedTicket(
            source: "mail:support@acme.example", externalID: "<a1@example.org>", subject: "App crash",
            requester: Participant(name: "Kim", email: "kim@Example.org"),
            createdAt: Samples.date("2026-03-02T07:00:00Z"),
            messages: [
                ImportedMessage(role: .customer, sentAt: Samples.date("2026-03-02T07:00:00Z"), text: "The app crashes."),
                ImportedMessage(role: .agent, sentAt: Samples.date("2026-03-02T08:00:00Z"), text: "Which version?"),
                ImportedMessage(role: .agent, isPublic: false, sentAt: Samples.date("2026-03-02T08:05:00Z"),
                                text: "internal: looks like bug 12"),
                ImportedMessage(role: .customer, sentAt: Samples.date("2026-03-02T09:00:00Z"), text: "Still crashing!"),
            ])
    }
}
