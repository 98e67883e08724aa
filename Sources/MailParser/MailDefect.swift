/// Something wrong with a message that the parser worked around.
///
/// The parser never throws on bad mail: it returns its best reading plus a list of defects, so a caller can
/// keep the message and say what was odd about it.
public struct MailDefect: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: String, Sendable, Hashable, Codable {
        case malformedHeader = "malformed-header"
        case duplicateHeader = "duplicate-header"
        case headerTooLong = "header-too-long"
        case tooManyHeaders = "too-many-headers"
        case missingHeaderBodySeparator = "missing-header-body-separator"
        case missingBoundary = "missing-boundary"
        case unterminatedMultipart = "unterminated-multipart"
        case nestingTooDeep = "nesting-too-deep"
        case tooManyParts = "too-many-parts"
        case invalidBase64 = "invalid-base64"
        case invalidQuotedPrintable = "invalid-quoted-printable"
        case unknownTransferEncoding = "unknown-transfer-encoding"
        case unknownCharset = "unknown-charset"
        case invalidCharsetData = "invalid-charset-data"
        case malformedEncodedWord = "malformed-encoded-word"
        case malformedAddress = "malformed-address"
        case malformedDate = "malformed-date"
        case malformedContentType = "malformed-content-type"
        case messageTooLarge = "message-too-large"
    }

    public var kind: Kind
    /// What exactly was wrong, and where (`part 1.2`, `Subject`).
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// `invalid-base64: part 2: 3 stray bits at the end`
    public var description: String { "\(kind.rawValue): \(detail)" }
}
