import Foundation

/// What a file in a folder import is, by its content (never by its name): something to import, a companion
/// that another file's importer reads, or nothing this tool understands.
public enum FileContentKind: Equatable, Sendable {
    /// Import it, in this format (`nil`: detect when importing).
    case importable(ImportFormat?)
    /// Read by the importer of another file (side-loaded users, comments, conversations).
    case companion(String)
    /// Not ticket data; the reason says what it looked like.
    case notUnderstood(String)
    /// Zero bytes.
    case empty
}

/// Classifies a file's first bytes for a folder import.
public enum ContentClassifier {
    /// Reads the head of `url` and classifies it for an import requested as `format`.
    public static func classify(_ url: URL, requested format: ImportFormat) throws -> FileContentKind {
        let head = try ByteChunkReader.head(of: url.path, count: 1 << 20)
        return classify(head: head, fileName: url.lastPathComponent, requested: format)
    }

    /// Pure classification (exposed for tests).
    public static func classify(head: [UInt8], fileName: String, requested format: ImportFormat) -> FileContentKind {
        if head.isEmpty { return .empty }
        let lower = fileName.lowercased()
        if lower == "mapping.yml" || lower == "mapping.yaml" { return .companion("field mapping") }
        if BinarySniffer.isBinary(head) { return .notUnderstood("binary content (\(BinarySniffer.describe(head))), not an export") }
        let detected = try? FormatDetector.detect(head: Array(head.prefix(64 << 10)), fileName: fileName)
        let isMail = detected == .eml || detected == .mbox
        switch format {
        case .eml, .mbox, .maildir:
            return isMail ? .importable(detected == .mbox ? .mbox : .eml) : .notUnderstood("not an e-mail message (no mail headers)")
        default:
            break
        }
        guard let detected else { return .notUnderstood("not JSON, XML, CSV or e-mail") }
        if format != .auto, Self.family(format) != Self.family(detected) {
            return .notUnderstood("\(Self.family(detected)) content, not a \(format.rawValue) export")
        }
        switch detected {
        case .zendeskJSON, .freshdeskJSON, .jiraJSON, .genericJSON, .helpScoutJSON, .zammadJSON, .osTicketJSON, .rtJSON:
            let probe = JSONPayloadProbe(head: head)
            switch JSONVendorFingerprint.kind(of: probe) {
            case let .tickets(vendor?) where format != .auto && format != .genericJSON && vendor.format != format:
                return .notUnderstood("a \(vendor.displayName) export, not \(format.rawValue); import it with --from \(vendor.format.rawValue)")
            case .tickets: return .importable(nil)
            case let .messages(vendor): return .companion("\(vendor?.displayName ?? "ticket") messages (attached to their tickets by ticket id)")
            case let .sideLoad(what): return .companion("\(what) (names and roles for the tickets beside it)")
            case .unknown:
                if format == .genericJSON { return .importable(.genericJSON) }
                return .notUnderstood("JSON without tickets (\(probe.keysDescription))")
            }
        case .zendeskXML, .freshdeskXML, .genericXML, .osTicketXML:
            if let root = XMLRootName.of(head), ["users", "groups", "organizations", "organisations"].contains(root.lowercased()) {
                return .companion("\(root) (read with tickets.xml)")
            }
            return .importable(nil)
        case .csv:
            if lower.hasSuffix(".md") || lower.hasSuffix(".txt") || lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") {
                return .notUnderstood("text, not a CSV export")
            }
            return .importable(nil)
        case .eml, .mbox:
            return .importable(detected)
        default:
            return .importable(nil)
        }
    }
}

extension ContentClassifier {
    /// `JSON`, `XML`, `CSV` or `e-mail`: what a format is read from.
    static func family(_ format: ImportFormat) -> String {
        switch format {
        case .eml, .mbox, .maildir: "e-mail"
        case .zendeskXML, .freshdeskXML, .genericXML, .osTicketXML: "XML"
        case .csv: "CSV"
        case .auto: "any"
        default: "JSON"
        }
    }
}

/// Tells binary files (images, office documents, archives) from text.
public enum BinarySniffer {
    /// NUL bytes, or many bytes that are not valid UTF-8 text (UTF-16 with a byte-order mark is text).
    public static func isBinary(_ head: [UInt8]) -> Bool {
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return false }
        let sample = head.prefix(8192)
        if sample.contains(0) { return true }
        var controls = 0
        for byte in sample where byte < 32 && byte != 9 && byte != 10 && byte != 13 && byte != 12 && byte != 27 { controls += 1 }
        if controls * 20 > sample.count { return true }
        // Invalid UTF-8 is common in old mail (Latin-1 bodies), so only a high share counts.
        let decoded = String(decoding: sample, as: UTF8.self)
        let replacements = decoded.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        return replacements * 4 > sample.count && !looksLikeHeaders(sample)
    }

    static func looksLikeHeaders(_ sample: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: sample.prefix(512), as: UTF8.self).lowercased()
        return text.hasPrefix("from ") || text.contains("\nsubject:") || text.hasPrefix("received:") || text.hasPrefix("from:")
    }

    /// `PNG image`, `PDF document`, … from magic numbers.
    public static func describe(_ head: [UInt8]) -> String {
        let magic: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"), ([0x47, 0x49, 0x46, 0x38], "GIF image"),
            ([0x25, 0x50, 0x44, 0x46], "PDF document"), ([0xD0, 0xCF, 0x11, 0xE0], "Office (.doc/.xls) document"),
            ([0x50, 0x4B, 0x03, 0x04], "ZIP archive or Office (.docx/.xlsx) document"), ([0x1F, 0x8B], "gzip archive"),
            ([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65], "SQLite database"),
        ]
        return magic.first { head.starts(with: $0.0) }?.1 ?? "unrecognised binary data"
    }
}

/// The root element name of an XML document's head (declaration, comments and DOCTYPE skipped).
enum XMLRootName {
    static func of(_ head: [UInt8]) -> String? {
        var rest = Substring(String(decoding: head.prefix(64 << 10), as: UTF8.self))
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let first = rest.first else { return nil }
            if first == "?" || first == "!" { continue }
            return String(rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" })
        }
        return nil
    }
}
