import AnthropicClient
import Foundation
import Logging
import TriageClassify
import TriageModel
import TriageStore
import TriageTestSupport

/// Stores full of realistic synthetic threads, and Claude classifiers against the fake, for the run tests.
enum ClaudeRunFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let openings = [
        "I was charged twice for invoice %d this month and need one of the payments refunded to my card.",
        "Since the update on Monday our dashboard shows error 5%d when we open the reports page, every time.",
        "Parcel %d arrived with a broken lid and two items missing; I would like a replacement sent out.",
        "I cannot log in any more: the two-factor code never arrives on my phone, account number %d.",
        "We are evaluating a plan for %d seats and would like a quote and a short demo next week.",
    ]

    /// A thread like a help desk exports it: six public messages, each customer message with a signature and
    /// every reply quoting the whole history below it, plus an internal note. `trimmedText` is what the importer's
    /// quote/signature trimming keeps.
    static func ticket(_ n: Int, identical: Bool = false) -> ImportedTicket {
        let opening = String(format: openings[identical ? 0 : n % openings.count], identical ? 1000 : 1000 + n)
        let signature = "\n\n--\nAna Silva\nHead of Operations, Example Trading GmbH\nPhone +49 30 1234 5678\nhttps://example.com"
        let turns: [(MessageRole, String)] = [
            (.customer, opening + " Thanks for looking into it."),
            (.agent, "Thank you for reaching out. Could you tell us when this started and send a screenshot?"),
            (.customer, "It started on Monday morning. The screenshot is attached. Please hurry, this blocks our month-end."),
            (.agent, "Thanks, we have passed this to the specialist team and will update you by tomorrow noon."),
            (.customer, "Any news? It is now Wednesday and nothing has changed on our side."),
            (.agent, "Apologies for the delay. The team found the cause and a fix is being prepared today."),
        ]
        var messages: [ImportedMessage] = []
        var history = ""
        for (index, (role, text)) in turns.enumerated() {
            var raw = text + (role == .customer ? signature : "\n\nBest regards,\nSupport Team")
            if !history.isEmpty {
                raw += "\n\nOn day \(index) the other side wrote:\n" + history.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
            }
            history = raw
            messages.append(ImportedMessage(externalID: "m\(n)-\(index)", role: role, text: raw, trimmedText: text))
        }
        messages.insert(ImportedMessage(externalID: "m\(n)-note", role: .agent, isPublic: false,
                                        text: "Internal: check the payment provider logs for this customer."), at: 2)
        return ImportedTicket(source: "test", externalID: "T-\(n)", subject: identical ? "Same subject" : "Ticket \(n): help needed",
                              channel: "email", messages: messages)
    }

    static func store(tickets count: Int, identical: Bool = false) throws -> TicketStore {
        let store = try TicketStore.inMemory()
        _ = try store.upsert((1...count).map { ticket($0, identical: identical) }, runID: nil)
        return store
    }

    /// Raw bytes of every message of the tickets (quotes, signatures and internal notes included).
    static func rawThreadBytes(_ tickets: [ImportedTicket]) -> Int {
        tickets.reduce(0) { $0 + $1.subject.utf8.count + $1.messages.reduce(0) { $0 + $1.text.utf8.count } }
    }

    static func claude(_ mock: MockAnthropicServer, settings: ClaudeSettings = ClaudeSettings(),
                       maxRetries: Int = 2, clock: ClientClock = ClientClock(sleep: { _ in }, now: { Date() }, random: { 0.5 }))
        throws -> ClaudeClassifier {
        let prompt = try ClaudePromptTemplate.load(directory: repositoryRoot.appendingPathComponent("Templates/prompts").path)
        let client = AnthropicClient(configuration: mock.configuration(maxRetries: maxRetries), clock: clock)
        return try ClaudeClassifier(client: client, settings: settings, departments: Department.defaults, prompt: prompt,
                                    logger: Logger(label: "test"))
    }
}

/// Wraps a classifier and keeps every call it reports, in completion order.
final class RecordingClassifier: Classifier, CostEstimating, @unchecked Sendable {
    let inner: any Classifier & CostEstimating
    private let lock = NSLock()
    private var stored: [LLMCallRecord] = []

    init(_ inner: any Classifier & CostEstimating) {
        self.inner = inner
    }

    var calls: [LLMCallRecord] { lock.withLock { stored } }

    func classify(_ ticket: TicketText) async throws -> Classification {
        let classification = try await inner.classify(ticket)
        lock.withLock { stored += classification.calls }
        return classification
    }

    func maximumCost(of ticket: TicketText) -> Double? { inner.maximumCost(of: ticket) }
}
