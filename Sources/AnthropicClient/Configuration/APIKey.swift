/// An Anthropic API key. Its descriptions are redacted so it never reaches a log, an error or a file.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself: use only to build the auth header.
    public let secret: String

    public init(_ secret: String) {
        self.secret = secret
    }

    public var description: String { "APIKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
