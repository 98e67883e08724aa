import Foundation
import Testing
import TicketTriage
import TriageNetwork
import TriageRules
import TriageStore

@Suite struct TargetRedactionTests {
    @Test(arguments: [
        ("https://hooks.slack.com/services/T000/B000/XXXXXXXX", "hooks.slack.com"),
        ("https://user:pa55word@example.com:8443/hook?token=abc123", "example.com"),
        ("http://127.0.0.1:8765/hook", "127.0.0.1"),
        ("not a url", "(invalid URL)"),
        ("mailto:ops@example.com", "(invalid URL)"),
    ])
    func hostOnly(target: String, host: String) {
        #expect(TargetRedaction.host(of: target) == host)
    }

    @Test func messagesLoseTheSecretParts() {
        let target = "https://user:pa55word@example.com/services/T000/B000/XXXXXXXX?token=abc123"
        let redacted = TargetRedaction.redact("POST \(target) failed; path /services/T000/B000/XXXXXXXX, token=abc123",
                                              target: target)
        #expect(redacted.contains("example.com"))
        for secret in ["pa55word", "XXXXXXXX", "abc123"] { #expect(!redacted.contains(secret), "\(redacted)") }
        #expect(TargetRedaction.redact("HTTP 500 from example.com", target: target) == "HTTP 500 from example.com")
    }

    @Test func anInvalidTargetIsRecordedWithoutItsSecret() async throws {
        let store = try RoutingFixtures.store(tickets: 1)
        let ticket = try store.ticket(reference: "zendesk:1")
        try store.recordRouting([RoutingRecord(
            ticketID: ticket.id, contentHash: ticket.contentHash,
            firings: [.init(ruleID: "r", matched: [], actionsJSON: "[]",
                            notifications: [.init(url: "ftp://files.example/drop/s3cretT0ken", body: "{}",
                                                  idempotencyKey: "tt-1")])],
            overrides: nil)])
        let report = try await OutboxDelivery(transport: CurlTransport(), sleep: { _ in }).deliverDue(store: store)
        #expect(report.gaveUp == 1)
        let entry = try #require(try store.outboxEntries(states: [.failed]).first)
        #expect(entry.lastError == "invalid webhook URL (host files.example; only http and https are sent)")
        #expect(!report.errors.joined().contains("s3cretT0ken"))
    }
}

@Suite struct DeliveryTargetTests {
    @Test func targetsAreSchemeHostAndPort() {
        #expect(DeliveryPolicy.targetKey("http://127.0.0.1:18999/a") == "http://127.0.0.1:18999")
        #expect(DeliveryPolicy.targetKey("http://127.0.0.1:18998/a") != DeliveryPolicy.targetKey("http://127.0.0.1:18999/a"))
        #expect(DeliveryPolicy.targetKey("https://Hooks.example/x?t=1") == "https://hooks.example:443")
        #expect(DeliveryPolicy.targetKey("http://hooks.example/x") == DeliveryPolicy.targetKey("http://hooks.example:80/y"))
        #expect(TargetRedaction.hostAndPort(of: "http://u:p@127.0.0.1:18999/secret") == "127.0.0.1:18999")
        #expect(TargetRedaction.hostAndPort(of: "https://hooks.example/secret") == "hooks.example")
    }
}
