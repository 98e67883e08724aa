import Foundation
import TriageImport

/// The field mapping for an input file: `--mapping PATH` when given (it must exist), else a `mapping.yml` beside
/// the file, else none.
enum MappingFile {
    static func load(explicit path: String?, for file: URL) throws -> FieldMapping? {
        let candidate = path.map { URL(fileURLWithPath: $0) } ?? file.deletingLastPathComponent().appendingPathComponent("mapping.yml")
        guard FileManager.default.fileExists(atPath: candidate.path) else {
            if let path { throw CLIError(message: "mapping file \(path) not found", exitCode: .noInput) }
            return nil
        }
        do {
            return try FieldMapping.load(from: candidate)
        } catch {
            throw CLIError(error, exitCode: .configuration)
        }
    }
}
