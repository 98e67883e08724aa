import Foundation
import TriageImport
import TriageStore

/// The rule that a non-empty file which yields no ticket is a failure, never a silent "0 new".
enum ImportYield {
    /// The error for an empty regular file, checked before any importer reads it (an empty message is not a
    /// "(no subject)" ticket).
    static func precheck(_ url: URL) -> ImportError? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? -1
        return size == 0 ? .noTickets(file: url.path, reason: "the file is empty") : nil
    }

    /// The error for a file that gave no ticket, `nil` when it gave some (or is a folder, such as a Maildir).
    static func check(_ url: URL, counts: ImportCounts, failed: Int) -> ImportError? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        guard counts.new + counts.updated + counts.unchanged == 0 else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size == 0 { return .noTickets(file: url.path, reason: "the file is empty") }
        if failed > 0 { return .noTickets(file: url.path, reason: "every record failed (\(failed); see the errors above)") }
        return .noTickets(file: url.path, reason: "the file holds no record this importer reads as a ticket; check --from (see docs/importing.md)")
    }
}
