/// One header field of a message or MIME part.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written (`Subject`, `content-type`).
    public let name: String
    /// The value unfolded (line breaks before white space removed), 8-bit bytes read as UTF-8 when valid,
    /// else windows-1252. Encoded words are *not* decoded here; see `MailHeaders.text(_:)`.
    public var value: String

    /// `name` lower-cased (ASCII), for lookups.
    public let lowercasedName: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
        lowercasedName = name.lowercased()
    }
}
