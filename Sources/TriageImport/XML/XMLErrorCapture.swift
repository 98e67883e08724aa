import CLibXML2

/// Collects the messages libxml2 raises for one reader, so they become diagnostics instead of stderr output.
final class XMLErrorCapture {
    /// One libxml2 message with its position.
    struct Message {
        var isFatal: Bool
        var isWarning: Bool
        var text: String
        var line: Int?
        var column: Int?
    }

    /// At most this many messages are kept; a broken file can raise thousands.
    private let keepLimit = 200
    private(set) var messages: [Message] = []
    /// How many messages were read since the last ``drain()``.
    private var drainedCount = 0

    /// The first fatal error raised, which is what ends a parse; else the first error.
    var firstError: Message? { messages.first(where: \.isFatal) ?? messages.first { !$0.isWarning } }

    /// Whether the document behind an error had declared entities (an expansion bomb stops libxml2 before the
    /// reader reaches the DOCTYPE node).
    private(set) var sawEntityDeclarations = false

    func record(_ error: UnsafeMutablePointer<xmlError>) {
        if !sawEntityDeclarations && tt_xml_error_document_declares_entities(error) != 0 { sawEntityDeclarations = true }
        guard messages.count < keepLimit else { return }
        let raw = error.pointee
        var text = raw.message.map { String(cString: $0) } ?? "unknown libxml2 error \(raw.code)"
        while text.last?.isNewline == true { text.removeLast() }
        let level = raw.level
        messages.append(Message(
            isFatal: level == XML_ERR_FATAL,
            isWarning: level == XML_ERR_WARNING,
            text: text,
            line: raw.line > 0 ? Int(raw.line) : nil,
            column: raw.int2 > 0 ? Int(raw.int2) : nil
        ))
    }

    /// Whether messages arrived since the last ``drain()``.
    var hasFresh: Bool { drainedCount < messages.count }

    /// Messages raised since the last call, for reporting as diagnostics while reading goes on.
    func drain() -> ArraySlice<Message> {
        let fresh = messages[drainedCount...]
        drainedCount = messages.count
        return fresh
    }

    /// The `xmlStructuredErrorFunc` libxml2 calls with an unretained ``XMLErrorCapture`` as context.
    static let callback: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<xmlError>?) -> Void = {
        context, error in
        guard let context, let error else { return }
        Unmanaged<XMLErrorCapture>.fromOpaque(context).takeUnretainedValue().record(error)
    }
}
