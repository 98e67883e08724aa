/// How an mbox file quotes body lines that start with `From `.
public enum MboxVariant: String, Sendable, Hashable, CaseIterable {
    /// mboxo: `From ` became `>From `; unquoting removes the `>` from `>From ` only.
    case mboxo
    /// mboxrd: every `>*From ` gained one `>`; unquoting removes one `>` from `>+From `.
    case mboxrd
}

/// One message cut out of an mbox.
public struct MboxMessage: Sendable {
    /// The message bytes, `From ` quoting undone, without the envelope line.
    public var bytes: [UInt8]
    /// The envelope (`From sender date`) line, `nil` when the file did not start with one.
    public var envelope: String?
    /// 1-based line of the envelope line in the file.
    public var line: Int
    /// 1-based position of the message in the file.
    public var index: Int
    /// Whether the message was longer than the limit and only its beginning was kept.
    public var truncated: Bool
    /// Full length of the message in the file, in bytes.
    public var originalLength: Int
}
