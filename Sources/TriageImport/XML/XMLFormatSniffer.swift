import Foundation

/// Tells the XML export formats apart from the first bytes of a file, for `--from auto`.
///
/// Looks at the document element and the first record's fields: `<tickets>` with `nice-id` is Zendesk's
/// legacy export, `<helpdesk-tickets>` (or `<helpdesk-ticket>`) is Freshdesk's; any other XML is generic XML,
/// which still needs a mapping. Returns `nil` for data that does not look like XML. Pure: no parser runs.
public enum XMLFormatSniffer {
    /// How many leading bytes ``format(ofPrefix:)`` wants to see.
    public static let prefixLength = 4096

    /// The XML format of a file starting with `prefix`, or `nil` when it is not XML.
    public static func format(ofPrefix prefix: Data) -> ImportFormat? {
        guard let text = decode(prefix) else { return nil }
        guard let root = documentElementName(in: text) else { return nil }
        switch root {
        case "helpdesk-tickets", "helpdesk-ticket":
            return .freshdeskXML
        case "tickets" where text.contains("nice-id>") || text.contains("nice-id "):
            return .zendeskXML
        default:
            return .genericXML
        }
    }

    /// The prefix as text: UTF-16 by its byte-order mark, else UTF-8 (ASCII markup reads the same in the
    /// single-byte encodings exports declare).
    private static func decode(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(prefixLength))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let bigEndian = bytes[0] == 0xFE
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                let high = UInt16(bytes[bigEndian ? index : index + 1])
                let low = UInt16(bytes[bigEndian ? index + 1 : index])
                units.append(high << 8 | low)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(decoding: body, as: UTF8.self)
    }

    /// The name of the first element, skipping the declaration, comments, processing instructions and DOCTYPE.
    private static func documentElementName(in text: String) -> String? {
        var rest = Substring(text).drop { $0.isWhitespace }
        guard rest.first == "<" else { return nil }
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            if after.hasPrefix("?") || after.hasPrefix("!") {
                let terminator = after.hasPrefix("!--") ? "-->" : ">"
                guard let end = after.range(of: terminator) else { return nil }
                rest = after[end.upperBound...]
                continue
            }
            let name = after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            guard !name.isEmpty else { return nil }
            return String(name.split(separator: ":").last ?? name)
        }
        return nil
    }
}
