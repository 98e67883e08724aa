/// A parsed `Content-Type` (or `Content-Disposition`) value: a token and its parameters.
public struct ContentType: Sendable, Hashable {
    /// Lower-cased `type/subtype` (`text/plain`), or the disposition token (`attachment`).
    public var value: String
    /// Parameters with lower-cased names; RFC 2231 continuations joined and charsets decoded.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    /// The type before `/` (`text`).
    public var type: String { value.split(separator: "/", maxSplits: 1).first.map(String.init) ?? value }
    /// The subtype after `/` (`plain`), empty when absent.
    public var subtype: String {
        let pieces = value.split(separator: "/", maxSplits: 1)
        return pieces.count == 2 ? String(pieces[1]) : ""
    }
    public var isMultipart: Bool { type == "multipart" }
    public var charset: String? { parameters["charset"] }
    public var boundary: String? { parameters["boundary"] }

    /// Parses `text/plain; charset="utf-8"`. A value without `/` (for Content-Type) or an empty one is
    /// reported through `valid == false`; the caller picks the default.
    public static func parse(_ raw: String, defects: inout [MailDefect]) -> (type: ContentType, valid: Bool) {
        let (token, parameters) = MIMEParameters.parse(raw, defects: &defects)
        let value = token.lowercased()
        return (ContentType(value: value, parameters: parameters), !value.isEmpty)
    }
}
