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

    /// Appends `value` as a JSON string (quoted, escaped); runs of plain bytes are copied at once.
    mutating func quote(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"),
                                              UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
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
