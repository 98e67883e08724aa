import Foundation
import TriageImport
import TriageModel

/// The field mapping for an input file: `--mapping PATH` when given (it must exist), else a `mapping.yml` beside
/// the file, else none.
enum MappingFile {
    static func load(explicit path: String?, for file: URL) throws -> FieldMapping? {
        let candidate = path.map { URL(fileURLWithPath: $0) } ?? file.deletingLastPathComponent().appendingPathComponent("mapping.yml")
        guard FileManager.default.fileExists(atPath: candidate.path) else {
            if let path { throw CommandFailure("mapping file \(path) not found", status: .noInput) }
            return nil
        }
        return try FieldMapping.load(from: candidate)
    }
}
