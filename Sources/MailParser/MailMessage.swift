/// A parsed e-mail message: the raw bytes, its MIME tree and what was wrong with it.
///
/// Parsing never fails and never recurses: malformed input gives a best-effort tree plus `defects`.
///
/// ```swift
/// let message = MailMessage(parsing: Array(emlData))
/// print(message.subject ?? "", message.from.first?.address ?? "")
/// let content = message.content()   // text, html, attachments
/// ```
public struct MailMessage: Sendable {
    /// The message bytes as given.
    public let raw: [UInt8]
    /// Every MIME entity, in document order; `parts[0]` is the message itself.
    public internal(set) var parts: [MIMEPart]
    /// Problems found while parsing the structure (decoding problems are in `MailContent.defects`).
    public internal(set) var defects: [MailDefect]

    /// Parses `bytes` (LF or CR LF line ends) within `limits`.
    public init(parsing bytes: [UInt8], limits: MailParseLimits = .default) {
        raw = bytes
        parts = []
        defects = []
        MIMEParser.parse(into: &self, limits: limits)
    }

    /// The top-level header fields.
    public var headers: MailHeaders { parts[0].headers }
}
