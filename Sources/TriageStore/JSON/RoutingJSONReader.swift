import Foundation

/// Reads the flat JSON the store writes itself (`JSONText`): an array of strings or an object of strings.
///
/// Routing reads a million rows at a time; `JSONDecoder` costs microseconds per call on Linux, this costs
/// nanoseconds. Anything it does not expect (`\u` escapes, non-string values) falls back to `JSONDecoder`.
enum RoutingJSONReader {
    static func strings(_ text: String) -> [String] {
        if text == "[]" { return [] }
        if let values = scan(text, open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { return values }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func object(_ text: String) -> [String: String] {
        if text == "{}" { return [:] }
        if let values = scan(text, open: UInt8(ascii: "{"), close: UInt8(ascii: "}")), values.count % 2 == 0 {
            var out: [String: String] = [:]
            for i in stride(from: 0, to: values.count, by: 2) { out[values[i]] = values[i + 1] }
            return out
        }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// The quoted strings between `open` and `close`, separated by `,` or `:`; `nil` on anything else.
    private static func scan(_ text: String, open: UInt8, close: UInt8) -> [String]? {
        let bytes = Array(text.utf8)
        guard bytes.first == open, bytes.last == close else { return nil }
        var values: [String] = []
        var i = 1
        let end = bytes.count - 1
        while i < end {
            guard bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var value: [UInt8] = []
            while i < end, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") {
                    guard i + 1 < end else { return nil }
                    switch bytes[i + 1] {
                    case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "/"): value.append(UInt8(ascii: "/"))
                    case UInt8(ascii: "n"): value.append(10)
                    case UInt8(ascii: "r"): value.append(13)
                    case UInt8(ascii: "t"): value.append(9)
                    default: return nil
                    }
                    i += 2
                } else {
                    value.append(bytes[i])
                    i += 1
                }
            }
            guard i < end else { return nil }
            i += 1  // closing quote
            values.append(String(decoding: value, as: UTF8.self))
            if i < end {
                guard bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
            }
        }
        return values
    }
}
