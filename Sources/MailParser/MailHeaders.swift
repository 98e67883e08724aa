/// The header fields of a message or MIME part, in order, with case-insensitive lookup.
public struct MailHeaders: Sendable, Hashable, Sequence {
    public private(set) var fields: [HeaderField]

    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// The value of the first field named `name` (case-insensitive), unfolded and trimmed.
    public subscript(_ name: String) -> String? {
        let lowered = name.lowercased()
        for field in fields where field.lowercasedName == lowered {
            return Bytes.trimmed(field.value)
        }
        return nil
    }

    /// Values of every field named `name`, in order.
    public func all(_ name: String) -> [String] {
        let lowered = name.lowercased()
        return fields.filter { $0.lowercasedName == lowered }.map { Bytes.trimmed($0.value) }
    }

    /// The first `name` field as human text: encoded words decoded, line breaks and tabs (left by folding)
    /// turned into one space; runs of plain spaces are kept as written, as the reference parsers keep them.
    public func text(_ name: String) -> String? {
        guard let raw = self[name] else { return nil }
        return Self.collapseWhitespace(EncodedWord.decode(raw))
    }

    public mutating func append(_ field: HeaderField) {
        fields.append(field)
    }

    public func makeIterator() -> IndexingIterator<[HeaderField]> { fields.makeIterator() }

    static func collapseWhitespace(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pending = String.UnicodeScalarView()
        var pendingHasBreak = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pending.append(scalar)
                if scalar != " " { pendingHasBreak = true }
            } else {
                if !output.isEmpty, !pending.isEmpty {
                    if pendingHasBreak { output.append(" ") } else { output.append(contentsOf: pending) }
                }
                pending = String.UnicodeScalarView()
                pendingHasBreak = false
                output.append(scalar)
            }
        }
        return String(output)
    }
}
