/// Caps that keep parsing of hostile mail bounded in time, memory and stack.
public struct MailParseLimits: Sendable, Hashable {
    /// Deepest nesting of multiparts and embedded messages; deeper entities are kept as opaque leaves.
    public var maxDepth: Int
    /// Most MIME entities per message; the rest of the message is kept as an opaque leaf.
    public var maxParts: Int
    /// Longest header block (all fields of one entity) in bytes; the rest is ignored.
    public var maxHeaderBytes: Int
    /// Longest kept value of a single (unfolded) header field in bytes; longer values are truncated.
    public var maxFieldBytes: Int
    /// Most header fields per entity.
    public var maxHeaderFields: Int

    public init(maxDepth: Int = 50, maxParts: Int = 10_000, maxHeaderBytes: Int = 1 << 20,
                maxFieldBytes: Int = 64 << 10, maxHeaderFields: Int = 1_000) {
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxHeaderFields = maxHeaderFields
    }

    /// The limits used when none are given.
    public static let `default` = MailParseLimits()
}
