import TriageModel

/// The store's one JSON writer, for its JSON columns (tags, custom fields, rule matches, routing changes, routed
/// facts), hand-rolled into a byte buffer: `JSONEncoder` costs more per call than SQLite's inserts on the import and
/// route hot paths (millions of rows). The text is what `JSONEncoder` with sorted keys writes, except that control
/// characters other than `\n`, `\r`, `\t` are `\u` escapes (the same JSON values).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends JSON syntax or a number as it is.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `value` as a JSON string (quoted, escaped).
    mutating func quote(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        JSONString.appendEscaped(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `["a","b"]`.
    mutating func array(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            quote(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends `{"k":"v"}` with keys sorted, so equal dictionaries give equal text.
    mutating func object(_ values: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        for (i, key) in values.keys.sorted().enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            quote(key)
            bytes.append(UInt8(ascii: ":"))
            quote(values[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `,"key":"value"`, or nothing when `value` is `nil`.
    mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        raw(",\"\(key)\":")
        quote(value)
    }

    /// `["a","b"]`
    static func array(_ values: [String]) -> String {
        var json = JSONWriter(capacity: 64 * max(1, values.count))
        json.array(values)
        return json.text
    }

    /// `{"k":"v"}`, keys sorted.
    static func object(_ values: [String: String]) -> String {
        var json = JSONWriter(capacity: 64 * max(1, values.count))
        json.object(values)
        return json.text
    }

    /// Swift's shortest round-tripping form (valid JSON for finite values; non-finite ones are written as 0).
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "0"
    }
}
