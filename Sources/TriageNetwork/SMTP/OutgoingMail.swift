import Foundation

/// A mail with a plain-text body and, optionally, an HTML alternative, rendered as RFC 5322 / MIME text.
///
/// Pure: rendering does no I/O. Header values are stripped of CR/LF (no header injection from a subject) and
/// non-ASCII subjects become RFC 2047 encoded words; bodies are base64 in 76-column lines, so no line starts
/// with a dot and no 8-bit data reaches servers that do not announce 8BITMIME.
public struct OutgoingMail: Sendable, Hashable {
    /// `Name <address>` or a bare `address`.
    public var from: String
    public var to: [String]
    public var subject: String
    public var text: String
    /// The HTML version; with it the body is `multipart/alternative` (text first, HTML preferred).
    public var html: String?
    public var date: Date
    /// Without angle brackets; generated from the date and a random part when empty.
    public var messageID: String

    public init(from: String, to: [String], subject: String, text: String, html: String? = nil,
                date: Date = Date(), messageID: String = "") {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }

    /// The bare address of `from` (what the SMTP envelope's `MAIL FROM` needs).
    public var envelopeFrom: String { Self.address(in: from) }
    /// The bare addresses of `to`.
    public var envelopeRecipients: [String] { to.map(Self.address(in:)) }

    /// The whole message with CRLF line ends. `boundary` is fixed in tests; leave it `nil` for a random one.
    public func rendered(boundary: String? = nil) -> String {
        let domain = envelopeFrom.split(separator: "@").last.map(String.init) ?? "localhost"
        let id = messageID.isEmpty ? "\(Int(date.timeIntervalSince1970)).\(UUID().uuidString.lowercased())@\(domain)" : messageID
        var lines = [
            "From: \(Self.headerValue(from))",
            "To: \(to.map(Self.headerValue).joined(separator: ", "))",
            "Subject: \(Self.encodedWord(Self.headerValue(subject)))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(Self.headerValue(id))>",
            "MIME-Version: 1.0",
        ]
        if let html {
            let boundary = boundary ?? "=_triage_\(UUID().uuidString.lowercased())"
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a multi-part message in MIME format.")
            lines += ["--\(boundary)"] + Self.part(text, type: "text/plain")
            lines += ["--\(boundary)"] + Self.part(html, type: "text/html")
            lines.append("--\(boundary)--")
        } else {
            lines += Self.part(text, type: "text/plain")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Pieces

    static func part(_ body: String, type: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            + Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n")
    }

    /// Control characters (CR, LF, …) become spaces, so a value can never start a new header.
    static func headerValue(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words (each ≤ 75 characters, never splitting a character) for non-ASCII text.
    static func encodedWord(_ value: String) -> String {
        guard !value.unicodeScalars.allSatisfy(\.isASCII) else { return value }
        var words: [String] = []
        var chunk = Data()
        for character in value {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// `Name <a@b>` → `a@b`; a bare address is returned trimmed.
    static func address(in mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[mailbox.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return mailbox.trimmingCharacters(in: .whitespaces)
    }
}
