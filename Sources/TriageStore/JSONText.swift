import TriageModel

/// Minimal JSON text for the store's JSON columns (tags, custom fields, rule matches).
///
/// Hand-written because `JSONEncoder` costs far more per call than the import hot path can afford.
enum JSONText {
    /// `["a","b"]`
    static func array(_ values: [String]) -> String {
        var out = "["
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            appendQuoted(value, to: &out)
        }
        return out + "]"
    }

    /// `{"k":"v"}` with keys sorted, so equal dictionaries give equal text.
    static func object(_ values: [String: String]) -> String {
        var out = "{"
        for (i, key) in values.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            appendQuoted(key, to: &out)
            out += ":"
            appendQuoted(values[key]!, to: &out)
        }
        return out + "}"
    }

    static func appendQuoted(_ value: String, to out: inout String) {
        out += JSONString.quoted(value)
    }
}
