import Foundation
import TriageModel

/// Small value conversions the vendor importers share.
enum VendorValues {
    /// A priority label as our name: `2 normal` (Zammad), `High`, `P2` → `normal`, `high`, `high`; unknown
    /// labels are kept lower-cased.
    static func priority(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let known = Priority(exported: text) { return known.rawValue }
        let words = text.split(separator: " ")
        if words.count == 2, Int(words[0]) != nil, let known = Priority(exported: String(words[1])) { return known.rawValue }
        return text.lowercased()
    }

    /// A stable id derived from fields, for exports that carry none: `sha256:` + 16 hex digits of the joined values.
    static func derivedID(_ parts: [String?]) -> String {
        let joined = parts.map { $0 ?? "" }.joined(separator: "\u{1F}")
        return "sha256:" + String(SHA256Digest.hex(Array(joined.utf8)).prefix(16))
    }

    /// The content of an RFC 2397 `data:` URL (`data:text/html,<b>hi</b>`, `data:text/plain;base64,SGk=`):
    /// (text, isHTML); any other string is plain text.
    static func dataURL(_ value: String) -> (text: String, isHTML: Bool) {
        guard value.hasPrefix("data:"), let comma = value.firstIndex(of: ",") else { return (value, false) }
        let meta = value[value.index(value.startIndex, offsetBy: 5)..<comma].lowercased()
        let payload = String(value[value.index(after: comma)...])
        let isHTML = meta.hasPrefix("text/html")
        if meta.hasSuffix(";base64") {
            let data = Data(base64Encoded: payload, options: .ignoreUnknownCharacters) ?? Data()
            return (String(decoding: data, as: UTF8.self), isHTML)
        }
        return (payload.removingPercentEncoding ?? payload, isHTML)
    }
}
