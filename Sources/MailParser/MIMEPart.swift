/// One MIME entity of a message: the message itself, a multipart container, an embedded message or a leaf.
///
/// Parts live in `MailMessage.parts` in document order (pre-order); `children` and `parent` are indices
/// into that array, so walking the tree never recurses.
public struct MIMEPart: Sendable, Hashable {
    public var headers: MailHeaders
    /// The parsed Content-Type (default `text/plain`, or `message/rfc822` inside `multipart/digest`).
    public var contentType: ContentType
    /// The parsed Content-Disposition, when present.
    public var disposition: ContentType?
    /// Lower-cased Content-Transfer-Encoding, empty when absent.
    public var transferEncoding: String
    /// Where the (still encoded) body lies in `MailMessage.raw`.
    public var bodyRange: Range<Int>
    public var children: [Int]
    public var parent: Int?
    /// 0 for the message itself.
    public var depth: Int
    /// Position in the tree, `1.2.1` style; empty for the message itself.
    public var path: String

    /// The file name: Content-Disposition `filename`, else Content-Type `name` (both decoded).
    public var filename: String? {
        if let name = disposition?.parameters["filename"], !name.isEmpty { return name }
        if let name = contentType.parameters["name"], !name.isEmpty { return name }
        return nil
    }

    /// Whether the part is a multipart container that was split into children.
    public var isContainer: Bool { !children.isEmpty || contentType.isMultipart }

    /// Whether the part asks to be shown as an attachment (disposition `attachment`, or a name on a non-text part).
    public var isAttachment: Bool {
        if disposition?.value == "attachment" { return true }
        if contentType.type == "text" { return false }
        return filename != nil
    }
}
