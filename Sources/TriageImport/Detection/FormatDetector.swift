import Foundation

/// Tells an export's format from its content (the extension is only a tie-breaker), so `triage import FILE`
/// works without `--from` for every supported export.
public enum FormatDetector {
    /// The format of `url`; throws `ImportError.unknownFormat` with what was seen when it cannot tell.
    public static func detect(_ url: URL) throws -> ImportFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(file: url.path, reason: "no such file or folder")
        }
        if isDirectory.boolValue {
            let fm = FileManager.default
            if fm.fileExists(atPath: url.appendingPathComponent("cur").path) || fm.fileExists(atPath: url.appendingPathComponent("new").path) {
                return .maildir
            }
            throw ImportError.unknownFormat(file: url.path, reason: "a folder that is not a Maildir; import its files")
        }
        let head = try ByteChunkReader.head(of: url.path, count: 64 << 10)
        return try detect(head: head, fileName: url.lastPathComponent, path: url.path)
    }

    /// Detection from the first bytes of a file (pure; exposed for tests).
    public static func detect(head: [UInt8], fileName: String, path: String = "") throws -> ImportFormat {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let ext = (fileName as NSString).pathExtension.lowercased()
        if bytes.starts(with: Array("From ".utf8)) { return .mbox }
        // UTF-16 XML (a byte-order mark followed by '<').
        if bytes.starts(with: [0xFF, 0xFE, 0x3C, 0x00]) || bytes.starts(with: [0xFE, 0xFF, 0x00, 0x3C]) {
            return xmlFormat(rootOf: decodeUTF16(Array(bytes)))
        }
        if BinarySniffer.isBinary(Array(bytes)) {
            throw ImportError.unknownFormat(file: path.isEmpty ? fileName : path,
                                            reason: "binary content (\(BinarySniffer.describe(Array(bytes)))), not a ticket export")
        }
        let text = String(decoding: bytes.prefix(16 << 10), as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "<" { return xmlFormat(rootOf: String(trimmed)) }
        if trimmed.first == "{" || trimmed.first == "[" {
            let probe = JSONPayloadProbe(head: Array(bytes))
            var vendor = probe.root == .array ? JSONVendorFingerprint.vendor(ofRecordKeys: Set(probe.firstElementKeys))
                : JSONVendorFingerprint.vendor(ofRecordKeys: Set(probe.topKeys)) ?? JSONVendorFingerprint.vendor(ofRecordKeys: Set(probe.firstArrayRecordKeys))
            if vendor == nil, probe.topKeys.contains("audits") || probe.topKeys.contains("ticket") { vendor = .zendesk }
            if vendor == nil, probe.topKeys.contains("helpdesk_ticket") || probe.firstElementKeys.first == "helpdesk_ticket" { vendor = .freshdesk }
            if vendor == nil, probe.topKeys.contains("_embedded") { vendor = .helpScout }
            if let vendor { return vendor.format }
            return jsonFormat(text)
        }
        if looksLikeMail(text) || ext == "eml" { return .eml }
        if ext == "csv" || ext == "tsv" || looksLikeCSVHeader(text) { return .csv }
        if ext == "mbox" || ext == "mbx" { return .mbox }
        throw ImportError.unknownFormat(file: path.isEmpty ? fileName : path,
                                        reason: "not JSON, XML, CSV or mail by its first bytes")
    }

    private static func jsonFormat(_ text: String) -> ImportFormat {
        func has(_ key: String) -> Bool { text.contains("\"\(key)\"") }
        if has("nice_id") || has("req_email") { return .zendeskJSON }
        if has("description_text") || has("conversations") || has("fr_due_by") || (has("requester_id") && has("source") && text.contains("\"cf_")) {
            return .freshdeskJSON
        }
        if (has("fields") && (has("summary") || has("issuetype"))) || (has("issues") && has("key")) { return .jiraJSON }
        if has("via") && has("requester_id") || has("tickets") && has("requester_id") { return .zendeskJSON }
        return .genericJSON
    }

    private static func xmlFormat(rootOf text: String) -> ImportFormat {
        var rest = Substring(text)
        // Skip the declaration, comments, processing instructions and the DOCTYPE to the root element.
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let first = rest.first else { break }
            if first == "?" || first == "!" { continue }
            let name = rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            switch name.lowercased() {
            case "tickets": return .zendeskXML
            case "helpdesk-tickets", "helpdesk_tickets": return .freshdeskXML
            case "ticket" where rest.contains("autorespond") || rest.contains("<email>") || rest.contains("source=\"API\""): return .osTicketXML
            default: return .genericXML
            }
        }
        return .genericXML
    }

    private static func looksLikeMail(_ text: String) -> Bool {
        let headerNames: Set<String> = ["from", "to", "subject", "date", "message-id", "received", "return-path",
                                        "mime-version", "delivered-to", "content-type", "reply-to", "x-mailer"]
        var seen = 0
        // "\r\n" is one Character in Swift: split on both forms of line end.
        for line in text.split(maxSplits: 40, omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.isEmpty || line == "\r" { break }
            if line.first == " " || line.first == "\t" { continue }
            // A line that is no header field ends the header block (old software folds without indenting).
            guard let colon = line.firstIndex(of: ":") else { break }
            if headerNames.contains(line[..<colon].lowercased()) { seen += 1 }
        }
        return seen >= 2
    }

    private static func looksLikeCSVHeader(_ text: String) -> Bool {
        guard let first = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first else { return false }
        let separators = first.filter { $0 == "," || $0 == ";" || $0 == "\t" }.count
        return separators >= 2 && !first.contains("{")
    }

    private static func decodeUTF16(_ bytes: [UInt8]) -> String {
        let littleEndian = bytes.first == 0xFF
        var units: [UInt16] = []
        var i = 2
        while i + 1 < min(bytes.count, 8192) {
            units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
