/// Escaping for the inside of a JSON string, shared by everything that writes JSON by hand (the store's JSON
/// columns, routing's per-firing JSON, webhook body templates) — where `JSONEncoder` costs too much per call.
///
/// `"` and `\` are backslash-escaped, newline, carriage return and tab as `\n` `\r` `\t`, other control characters
/// as `\u00xx`; everything else is copied as it is (UTF-8).
public enum JSONString {
    /// Appends the escaped bytes of `value` (no surrounding quotes); runs of plain bytes are copied at once.
    public static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
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
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
                }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
    }

    /// `value` escaped for the inside of a JSON string (no surrounding quotes).
    public static func escaped(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 8)
        appendEscaped(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` as a quoted JSON string.
    public static func quoted(_ value: String) -> String {
        "\"" + escaped(value) + "\""
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
