import Foundation
import TriageModel

/// Where importers report problems. The run goes on; the sink collects, counts or prints.
public protocol DiagnosticSink: Sendable {
    func report(_ diagnostic: ImportDiagnostic)
}

/// A thread-safe sink that keeps every diagnostic, for tests and for the import run record.
public final class DiagnosticCollector: DiagnosticSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ImportDiagnostic] = []
    /// Keep at most this many; the count stays exact.
    private let limit: Int
    private var total = 0
    private var errorTotal = 0

    public init(limit: Int = 10_000) {
        self.limit = limit
    }

    public func report(_ diagnostic: ImportDiagnostic) {
        lock.withLock {
            total += 1
            if diagnostic.severity == .error { errorTotal += 1 }
            if stored.count < limit { stored.append(diagnostic) }
        }
    }

    /// The diagnostics kept so far (at most `limit`).
    public var diagnostics: [ImportDiagnostic] { lock.withLock { stored } }
    /// How many were reported, kept or not.
    public var count: Int { lock.withLock { total } }
    /// How many were errors (skipped records).
    public var errorCount: Int { lock.withLock { errorTotal } }
}
