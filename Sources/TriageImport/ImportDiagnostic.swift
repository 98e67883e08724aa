import Foundation
import Synchronization
import TriageModel

/// Where importers report problems. The run goes on; the sink collects, counts or prints.
public protocol DiagnosticSink: Sendable {
    func report(_ diagnostic: ImportDiagnostic)
}

/// A thread-safe sink that keeps every diagnostic, for tests and for the import run record.
public final class DiagnosticCollector: DiagnosticSink {
    private struct State {
        var stored: [ImportDiagnostic] = []
        var total = 0
        var errorTotal = 0
    }

    private let state = Mutex(State())
    /// Keep at most this many; the count stays exact.
    private let limit: Int

    public init(limit: Int = 10_000) {
        self.limit = limit
    }

    public func report(_ diagnostic: ImportDiagnostic) {
        state.withLock { state in
            state.total += 1
            if diagnostic.severity == .error { state.errorTotal += 1 }
            if state.stored.count < limit { state.stored.append(diagnostic) }
        }
    }

    /// The diagnostics kept so far (at most `limit`).
    public var diagnostics: [ImportDiagnostic] { state.withLock { $0.stored } }
    /// How many were reported, kept or not.
    public var count: Int { state.withLock { $0.total } }
    /// How many were errors (skipped records).
    public var errorCount: Int { state.withLock { $0.errorTotal } }
}
