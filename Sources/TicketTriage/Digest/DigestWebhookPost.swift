import Foundation
import TriageReports
import TriageNetwork
import TriageStore

/// Posts the Markdown digest to a chat webhook (Slack-compatible `{"text": …}`), once per day and zone: the post is
/// recorded like a sent mail (channel `webhook`), so a cron retry does not post twice unless forced.
public struct DigestWebhookPost: Sendable {
    public var store: TicketStore
    public var transport: any HTTPTransport

    public init(store: TicketStore, transport: any HTTPTransport = CurlTransport()) {
        self.store = store
        self.transport = transport
    }

    /// The JSON body: `{"text": markdown}`.
    public static func body(markdown: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(["text": markdown])
    }

    public func post(markdown: String, for day: DigestDay, to url: URL, force: Bool, at date: Date = Date()) async throws -> DigestDelivery.Outcome {
        if !force, let sent = try store.digestSentAt(day: day.date, timeZone: day.timeZone, channel: "webhook") {
            return .alreadySent(at: sent)
        }
        let request = HTTPRequest(method: "POST", url: url, headers: ["Content-Type": "application/json"],
                                  body: try Self.body(markdown: markdown), timeout: .seconds(30))
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
            _ = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw DigestError.sendFailed("posting the digest to \(url.host ?? url.absoluteString) failed: \(error)")
        }
        guard (200..<300).contains(response.status) else {
            throw DigestError.sendFailed("the webhook at \(url.host ?? url.absoluteString) answered HTTP \(response.status)")
        }
        try store.recordDigestSent(day: day.date, timeZone: day.timeZone, channel: "webhook", detail: url.host, at: date)
        return .sent(at: date)
    }
}
