import Foundation
import TriageModel
import TriageImport
import TriageStore

/// What importing one file did, for the CLI to print and scripts to read (`--format json`).
public struct ImportFileReport: Sendable, Codable {
    public var file: String
    public var format: String
    public var source: String
    public var runID: Int64?
    public var counts: ImportCounts
    public var durationSeconds: Double
    /// Errors and warnings (the first 1,000 are kept; `diagnosticCount` is exact).
    public var diagnostics: [ImportDiagnostic]
    public var diagnosticCount: Int
    /// Why the file could not be imported at all (unreadable, unknown format, store error).
    public var error: String?
    /// Whether `error` is about the input's content (unknown format, wrong shape, no ticket): exit 65.
    public var inputError: Bool?

    /// True when every record was stored and nothing failed.
    public var isClean: Bool { error == nil && counts.failed == 0 }
}

/// What a folder import did with the files it did not import (companions read by another file's importer,
/// files that hold no ticket data).
public struct ImportSkip: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// Read by the importer of another file (users, groups, comments, conversations; mapping files).
        case companion
        /// Not an export this import understands (images, documents, other JSON).
        case notUnderstood = "not_understood"
    }

    public var file: String
    public var kind: Kind
    public var reason: String

    public init(file: String, kind: Kind, reason: String) {
        self.file = file
        self.kind = kind
        self.reason = reason
    }

    /// `file: skipped: reason` (a warning line for stderr).
    public var description: String {
        "\(file): \(kind == .companion ? "note" : "warning"): \(reason)"
    }
}

/// Progress of a running import, reported a few times per second.
public struct ImportProgress: Sendable {
    public var file: String
    public var records: Int
    public var counts: ImportCounts
    public var elapsed: Duration
}
