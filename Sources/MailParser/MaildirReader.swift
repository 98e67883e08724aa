import Foundation

/// Lists the messages of a Maildir (`cur/` then `new/`), sorted by file name (delivery time first).
///
/// Files whose names start with `.` are skipped; `tmp/` is never read (messages there are incomplete).
public struct MaildirReader: Sendable {
    public var url: URL

    public init(url: URL) {
        self.url = url
    }

    /// Whether `url` looks like a Maildir (has `cur/` or `new/`).
    public static func isMaildir(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        for name in ["cur", "new"] {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory),
               isDirectory.boolValue { return true }
        }
        return false
    }

    /// The message files, `cur/` first then `new/`, each sorted by name.
    public func messageFiles() throws -> [URL] {
        guard Self.isMaildir(url) else { throw MailFileError.notAMaildir(path: url.path) }
        var files: [URL] = []
        for name in ["cur", "new"] {
            let folder = url.appendingPathComponent(name)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                files.append(folder.appendingPathComponent(entry))
            }
        }
        return files
    }

    /// The Maildir flags of a file name (`1234.host:2,RS` → `RS`): S seen, R replied, F flagged, T trashed, D draft.
    public static func flags(ofFile name: String) -> String {
        guard let range = name.range(of: ":2,", options: .backwards) else { return "" }
        return String(name[range.upperBound...])
    }
}
