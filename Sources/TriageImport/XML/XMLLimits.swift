/// Caps that keep a hostile or broken XML file from exhausting memory or time.
///
/// The defaults suit real help-desk exports (gigabytes of tickets, records a few kilobytes deep, a handful of
/// attributes per element). Every cap, when hit, ends the read with ``ImportError/refused(file:line:reason:)``
/// except ``maxRecordBytes``, which skips only the oversized record and reports it.
public struct XMLLimits: Sendable, Hashable {
    /// Largest input file read, in bytes.
    public var maxInputBytes: Int64
    /// Deepest element nesting accepted (the document element is depth 1).
    public var maxDepth: Int
    /// Most attributes accepted on one element.
    public var maxAttributes: Int
    /// Largest record accepted (text, attribute values and element names), in bytes; `nil` uses
    /// `ImportOptions.maxRecordBytes`.
    public var maxRecordBytes: Int?

    public init(maxInputBytes: Int64 = 16 << 30, maxDepth: Int = 64, maxAttributes: Int = 256,
                maxRecordBytes: Int? = nil) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.maxRecordBytes = maxRecordBytes
    }
}
