import Foundation

/// Lists the messages of a Maildir (`cur/` then `new/`), sorted by file name (delivery time first), and of
/// every folder inside it: Maildir++ folders (`.Folder`, `.Folder.Sub`, kept flat in the root) and nested
/// Maildirs (any sub-directory with `cur/` or `new/`, at any depth up to 20 levels).
///
/// Files whose names start with `.` are skipped; `tmp/` is never read (messages there are incomplete);
/// symbolic links to directories are not followed (no loops).
public struct MaildirReader: Sendable {
    public var url: URL

    public init(url: URL) {
        self.url = url
    }

    /// One mail folder: its name (`""` for the root, `Folder/Sub` for Maildir++ `.Folder.Sub` or a nested
    /// `Folder/Sub`) and its location.
    public struct Folder: Sendable, Hashable {
        public var name: String
        public var url: URL
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

    /// Whether `url` is a Maildir or holds one (Maildir++ folders or nested Maildirs).
    public static func containsMaildir(_ url: URL) -> Bool {
        isMaildir(url) || !MaildirReader(url: url).folders().isEmpty
    }

    /// The root (when it is a Maildir) and every folder below it, sorted by name.
    public func folders() -> [Folder] {
        var found: [Folder] = []
        if Self.isMaildir(url) { found.append(Folder(name: "", url: url)) }
        var pending: [(url: URL, name: String, depth: Int)] = [(url, "", 0)]
        while let (folder, name, depth) = pending.popLast() {
            guard depth < 20, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for entry in entries.sorted() where !["cur", "new", "tmp", ".", ".."].contains(entry) {
                let child = folder.appendingPathComponent(entry)
                guard let values = try? child.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey]),
                      values.isDirectory == true, values.isSymbolicLink != true else { continue }
                // Maildir++: ".Folder.Sub" in the root is the folder Folder/Sub.
                let display = entry.hasPrefix(".") && entry.count > 1
                    ? entry.dropFirst().split(separator: ".").joined(separator: "/") : entry
                let childName = name.isEmpty ? display : name + "/" + display
                if Self.isMaildir(child) { found.append(Folder(name: childName, url: child)) }
                pending.append((child, childName, depth + 1))
            }
        }
        return found.sorted { $0.name < $1.name }
    }

    /// The message files of the root and every folder: per folder `cur/` first then `new/`, each sorted by name.
    public func messageFiles() throws -> [URL] {
        try messages().map(\.url)
    }

    /// The message files with the folder each is in.
    public func messages() throws -> [(url: URL, folder: String)] {
        let folders = folders()
        guard !folders.isEmpty else { throw MailFileError.notAMaildir(path: url.path) }
        var files: [(url: URL, folder: String)] = []
        for folder in folders {
            for name in ["cur", "new"] {
                let directory = folder.url.appendingPathComponent(name)
                guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
                for entry in entries.sorted() where !entry.hasPrefix(".") {
                    files.append((directory.appendingPathComponent(entry), folder.name))
                }
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
