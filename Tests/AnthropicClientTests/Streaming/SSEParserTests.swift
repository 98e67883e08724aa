import AnthropicClient
import Foundation
import Testing

@Suite("SSEParser")
struct SSEParserTests {
    /// A stream mixing line endings, a comment, a multi-line data field, `id:`/`retry:` fields,
    /// a field without a colon, and multi-byte UTF-8 text.
    static let wire = "event: ping\r\ndata: {\"type\":\"ping\"}\r\n\r\n"
        + ": keep-alive comment\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\n"
        + "data: \"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße 🎫 — ok\"}}\nid: 7\nretry: 100\n\n"
        + "event: message_stop\rdata: {\"type\":\"message_stop\"}\r\r"
        + "data\n\n"
        + "event: unfinished\ndata: {}\n"

    static let expected = [
        SSEEvent(event: "ping", data: #"{"type":"ping"}"#),
        SSEEvent(event: "content_block_delta",
                 data: "{\"type\":\"content_block_delta\",\"index\":0,\n\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße 🎫 — ok\"}}"),
        SSEEvent(event: "message_stop", data: #"{"type":"message_stop"}"#),
        SSEEvent(event: "message", data: ""),
    ]

    @Test("whole input yields every complete event; an unterminated one is dropped")
    func wholeInput() {
        var parser = SSEParser()
        #expect(parser.feed(Array(Self.wire.utf8)) == Self.expected)
    }

    @Test("fed one byte at a time (splitting CRLF pairs and UTF-8 characters), the events are the same")
    func byteAtATime() {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in Self.wire.utf8 { events += parser.feed([byte]) }
        #expect(events == Self.expected)
    }

    @Test("every two-way split gives the same events", arguments: [1, 2, 17, 30, 55, 120, 151, 200])
    func splitAnywhere(at offset: Int) {
        let bytes = Array(Self.wire.utf8)
        var parser = SSEParser()
        let events = parser.feed(bytes[..<offset]) + parser.feed(bytes[offset...])
        #expect(events == Self.expected)
    }
}
