/// What a reader sees in a message: the text and HTML bodies and the attachments, decoded.
public struct MailContent: Sendable, Hashable {
    /// The plain-text body (first inline `text/plain` part, further inline text parts appended), `nil` when none.
    public var text: String?
    /// The HTML body (first inline `text/html` part), `nil` when none.
    public var html: String?
    public var attachments: [MailAttachment]
    /// Problems found while decoding (transfer encodings, charsets).
    public var defects: [MailDefect]

    public init(text: String? = nil, html: String? = nil, attachments: [MailAttachment] = [], defects: [MailDefect] = []) {
        self.text = text
        self.html = html
        self.attachments = attachments
        self.defects = defects
    }
}

/// An attachment: decoded name, type, decoded size, and the bytes when asked for.
public struct MailAttachment: Sendable, Hashable {
    public var filename: String?
    /// Lower-cased `type/subtype`.
    public var contentType: String
    /// Decoded size in bytes.
    public var size: Int
    /// The decoded bytes, when `content(keepingAttachmentBytesUpTo:)` was asked to keep them and they fit.
    public var data: [UInt8]?
    /// The part's position in the tree (`2.1`).
    public var path: String

    public init(filename: String?, contentType: String, size: Int, data: [UInt8]? = nil, path: String) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.data = data
        self.path = path
    }
}
