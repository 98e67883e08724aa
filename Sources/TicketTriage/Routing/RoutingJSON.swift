import TriageModel
import TriageRules

/// The JSON routing writes per firing and per ticket, hand-rolled into a byte buffer: `JSONEncoder` cost more than
/// SQLite's inserts on the route hot path (millions of firings). The text is what `JSONEncoder` with sorted keys
/// writes, except that control characters other than `\n`, `\r`, `\t` are `\u` escapes (the same JSON values).
struct RoutingJSON {
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

    /// `["a","b"]`
    static func array(_ values: [String]) -> String {
        var json = RoutingJSON(capacity: 64 * max(1, values.count))
        json.array(values)
        return json.text
    }

    /// The `routing_overrides` column: sorted keys, absent values left out (as `StoredChanges` encodes).
    static func overrides(_ c: RoutingChanges) -> String {
        var json = RoutingJSON()
        json.raw("{\"added_tags\":")
        json.array(c.addedTags)
        if let department = c.department {
            json.raw(",\"department\":")
            json.quote(department)
        }
        if let reason = c.needsHumanReason {
            json.raw(",\"needs_human_reason\":")
            json.quote(reason)
        }
        if let priority = c.priority {
            json.raw(",\"priority\":")
            json.quote(priority.rawValue)
        }
        json.raw(",\"removed_tags\":")
        json.array(c.removedTags)
        json.raw("}")
        return json.text
    }
}
