import Foundation

/// The first bytes of a file: whether it is an SQLite database at all (damaged or not).
enum StoreFileHeader {
    static let magic = Array("SQLite format 3\u{0}".utf8)

    /// `true` when the file starts with SQLite's 16-byte header string.
    static func isSQLite(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: magic.count)) ?? nil
        return bytes.map(Array.init) == magic
    }
}
