import Foundation

/// One server-sent event: its `event:` name (default `message`) and its `data:` lines joined by `\n`.
public struct SSEEvent: Sendable, Hashable {
    public var event: String
    public var data: String

    public init(event: String, data: String) {
        self.event = event
        self.data = data
    }
}

/// Splits a byte stream into server-sent events, however the bytes were chunked.
///
/// Lines end with `\n`, `\r\n` or `\r` (a `\r\n` split across two chunks is one line end); an event
/// ends at a blank line. Bytes are kept until their line is complete, so a UTF-8 character split
/// across chunks decodes correctly. Comment lines (`:`) and `id:`/`retry:` fields are ignored.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var skipNextLineFeed = false
    private var eventName: String?
    private var dataLines: [String] = []

    public init() {}

    /// Feeds bytes; returns the events they completed, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if skipNextLineFeed {
                skipNextLineFeed = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\n"):
                if let event = endLine() { events.append(event) }
            case UInt8(ascii: "\r"):
                skipNextLineFeed = true
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream: an event not yet closed by a blank line is dropped, as the SSE spec says.
    public mutating func finish() {
        line.removeAll()
        eventName = nil
        dataLines.removeAll()
    }

    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard !dataLines.isEmpty || eventName != nil else { return nil }
            let event = SSEEvent(event: eventName ?? "message", data: dataLines.joined(separator: "\n"))
            eventName = nil
            dataLines.removeAll()
            return event
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event": eventName = String(value)
        case "data": dataLines.append(String(value))
        default: break
        }
        return nil
    }
}
