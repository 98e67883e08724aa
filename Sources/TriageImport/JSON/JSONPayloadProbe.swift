import Foundation

/// What a JSON file is at the top, read from its first bytes: the root's kind, the root object's keys, and for a
/// root array the keys of its first element. Pure and bounded: it looks at the head only, so a multi-gigabyte
/// export costs one small read.
struct JSONPayloadProbe: Equatable {
    enum Root: Equatable {
        /// Nothing but whitespace (or a byte-order mark).
        case empty
        case object
        case array
        /// The first significant byte is not `{` or `[`.
        case notJSON
    }

    var root: Root
    /// Keys of the root object, in file order (those within the head).
    var topKeys: [String] = []
    /// For a root array: keys of its first element (those within the head).
    var firstElementKeys: [String] = []
    /// For a root object: the key of its first array value and the keys of that array's first object.
    var firstArrayKey: String?
    var firstArrayRecordKeys: [String] = []
    /// Whether the head held the whole document.
    var sawEnd = false
    /// The line of a comma right before `]` or `}` (not valid JSON, though lenient parsers take it).
    var trailingCommaLine: Int?

    /// Probes the first bytes of `url` (1 MiB by default).
    static func probe(_ url: URL, headBytes: Int = 1 << 20) throws -> JSONPayloadProbe {
        let head = try ByteChunkReader.head(of: url.path, count: headBytes)
        return JSONPayloadProbe(head: head)
    }

    init(root: Root, topKeys: [String] = [], firstElementKeys: [String] = [], sawEnd: Bool = false) {
        self.root = root
        self.topKeys = topKeys
        self.firstElementKeys = firstElementKeys
        self.sawEnd = sawEnd
    }

    init(head: [UInt8]) {
        var i = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < head.count, [32, 9, 10, 13].contains(head[i]) { i += 1 }
        guard i < head.count else { root = .empty; return }
        switch head[i] {
        case 123: root = .object
        case 91: root = .array
        default: root = .notJSON; return
        }
        var stack: [UInt8] = []
        var expectingKey = false
        var inString = false, escaped = false, isKey = false
        var key: [UInt8] = []
        var firstElementOpen = false, firstElementDone = false
        var lastTopKey: String?
        var line = 1
        var lastSignificant: UInt8 = 0
        var nestedArrayOpen = false, nestedRecordOpen = false, nestedRecordDone = false
        while i < head.count {
            let b = head[i]
            i += 1
            if b == 10 { line += 1 }
            if inString {
                if escaped { escaped = false; if isKey { key.append(b) }; continue }
                if b == 92 { escaped = true; if isKey { key.append(b) }; continue }
                if b == 34 {
                    inString = false
                    lastSignificant = 34
                    if isKey {
                        let name = String(decoding: key, as: UTF8.self)
                        if stack.count == 1, root == .object { topKeys.append(name); lastTopKey = name }
                        if stack.count == 3, nestedRecordOpen, !nestedRecordDone { firstArrayRecordKeys.append(name) }
                        if stack.count == 2, root == .array, firstElementOpen, !firstElementDone { firstElementKeys.append(name) }
                    }
                    continue
                }
                if isKey { key.append(b) }
                continue
            }
            if (b == 125 || b == 93), lastSignificant == 44, trailingCommaLine == nil { trailingCommaLine = line }
            if b != 32, b != 9, b != 10, b != 13 { lastSignificant = b }
            switch b {
            case 34:
                inString = true
                isKey = expectingKey && stack.last == 123
                key.removeAll(keepingCapacity: true)
            case 123, 91:
                stack.append(b)
                expectingKey = b == 123
                if b == 123, stack.count == 2, root == .array, !firstElementDone { firstElementOpen = true }
                if b == 91, stack.count == 2, root == .object, firstArrayKey == nil { firstArrayKey = lastTopKey; nestedArrayOpen = true }
                if b == 123, stack.count == 3, nestedArrayOpen, !nestedRecordDone { nestedRecordOpen = true }
            case 125, 93:
                if stack.count == 2, root == .array, firstElementOpen { firstElementDone = true }
                if stack.count == 3, nestedRecordOpen { nestedRecordDone = true }
                if stack.count == 2, nestedArrayOpen { nestedArrayOpen = false; nestedRecordDone = true }
                _ = stack.popLast()
                expectingKey = false
                if stack.isEmpty { sawEnd = true; return }
            case 44:
                expectingKey = stack.last == 123
            case 58:
                expectingKey = false
            default:
                break
            }
        }
    }

    /// `keys a, b, c` for messages (at most 12 named).
    var keysDescription: String {
        switch root {
        case .empty: return "an empty file"
        case .notJSON: return "no JSON object or array"
        case .array:
            if firstElementKeys.isEmpty { return sawEnd ? "an empty array or an array of non-objects" : "an array" }
            return "an array of objects with keys " + Self.list(firstElementKeys)
        case .object:
            return topKeys.isEmpty ? "an empty object" : "an object with keys " + Self.list(topKeys)
        }
    }

    static func list(_ keys: [String]) -> String {
        var seen = Set<String>()
        let unique = keys.filter { seen.insert($0).inserted }
        let shown = unique.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
        return unique.count > 12 ? shown + ", …" : shown
    }
}

/// A whole JSON document read into memory: for single objects (`{"ticket": {…}}`, a bare ticket), which are
/// small; refused past `maxBytes`.
enum JSONDocument {
    static func load(_ url: URL, maxBytes: Int) throws -> Any {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > maxBytes {
            throw ImportError.refused(file: url.path, line: nil,
                                      reason: "a single JSON object of \(size) bytes exceeds the \(maxBytes)-byte record limit (import.max_record_bytes)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch let error as NSError {
            throw ImportError.malformed(file: url.path, line: nil, reason: "not valid JSON (\(JSONRecordSource.reason(error)))")
        }
    }
}
