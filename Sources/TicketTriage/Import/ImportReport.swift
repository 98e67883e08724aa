import Foundation
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

    /// True when every record was stored and nothing failed.
    public var isClean: Bool { error == nil && counts.failed == 0 }
}

/// Progress of a running import, reported a few times per second.
public struct ImportProgress: Sendable {
    public var file: String
    public var records: Int
    public var counts: ImportCounts
    public var elapsed: Duration
}
