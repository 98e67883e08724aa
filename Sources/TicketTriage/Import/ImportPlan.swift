import Foundation
import TriageImport

/// The files an import will read and the files of its folders that it will not, each classified by content.
///
/// Files named on the command line are always imported (a wrong one fails loudly). Files found in folders are
/// classified by their first bytes: exports are imported; companions (side-loaded users, comments,
/// conversations, mapping files) are left to the importer of the export beside them; anything else (images,
/// documents, JSON without tickets, non-mail under `--from eml`) is skipped with one line saying why. Empty files
/// are imported, so that they fail as errors. A folder that is a Maildir is imported whole.
public struct ImportPlan: Sendable {
    public var files: [URL] = []
    public var skipped: [ImportSkip] = []

    public init(files: [URL] = [], skipped: [ImportSkip] = []) {
        self.files = files
        self.skipped = skipped
    }

    /// Skipped files that hold nothing this import understands.
    public var notUnderstoodCount: Int { skipped.filter { $0.kind == .notUnderstood }.count }
    /// Companion files left to the importer of another file.
    public var companionCount: Int { skipped.filter { $0.kind == .companion }.count }

    /// Plans the import of `paths` as `format`.
    public static func make(_ paths: [URL], format: ImportFormat) throws -> ImportPlan {
        var plan = ImportPlan()
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                throw ImportError.unreadable(file: path.path, reason: "no such file or folder")
            }
            if !isDirectory.boolValue || isMaildir(path) {
                plan.files.append(path)
            } else {
                try plan.walk(path, format: format)
            }
        }
        return plan
    }

    private static func isMaildir(_ url: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: url.appendingPathComponent("cur").path) || fm.fileExists(atPath: url.appendingPathComponent("new").path)
    }

    private mutating func walk(_ folder: URL, format: ImportFormat) throws {
        let fm = FileManager.default
        let children = try fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        var nested: [URL] = []
        for child in children where !child.lastPathComponent.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            fm.fileExists(atPath: child.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if Self.isMaildir(child) { files.append(child) } else { nested.append(child) }
                continue
            }
            let kind: FileContentKind
            do {
                kind = try ContentClassifier.classify(child, requested: format)
            } catch {
                skipped.append(ImportSkip(file: child.path, kind: .notUnderstood, reason: "cannot read: \(error)"))
                continue
            }
            switch kind {
            case .importable, .empty:
                files.append(child)
            case let .companion(what):
                skipped.append(ImportSkip(file: child.path, kind: .companion, reason: "\(what); not imported on its own"))
            case let .notUnderstood(why):
                skipped.append(ImportSkip(file: child.path, kind: .notUnderstood, reason: "skipped: \(why)"))
            }
        }
        for folder in nested { try walk(folder, format: format) }
    }
}
