import Foundation
import HelpdeskAPI
import Logging
import TriageImport
import TriageModel
import TriageStore

/// Pulls new and changed tickets from a help desk into the store, page by page.
///
/// Each page is mapped by the importer of the vendor's export format and committed in one transaction together
/// with the position after it, so the stored cursor is never ahead of the stored tickets: a sync killed at any
/// point resumes at the first page it had not committed, and a page fetched twice changes nothing (identity is
/// `(source, external id)`, as for file imports).
public struct HelpdeskSync: Sendable {
    public var store: TicketStore
    public var source: any IncrementalTicketSource
    public var options: ImportOptions
    public var logger: Logger
    public var threadWindow: TimeInterval = 14 * 86400

    public init(store: TicketStore, source: any IncrementalTicketSource, options: ImportOptions, logger: Logger) {
        self.store = store
        self.source = source
        self.options = options
        self.logger = logger
    }

    /// Where a sync without `--since` starts: the stored cursor.
    public func storedCursor() throws -> SyncCursorRecord? {
        try store.syncCursor(key: source.cursorKey)
    }

    /// Runs the pull from `since` (a backfill) or from the stored cursor. Throws `SyncError.noStartingPoint`
    /// when neither exists; failures after the first request end the run with `report.error` set, keeping every
    /// page committed before them.
    public func run(since: Date?, dryRun: Bool, progress: (@Sendable (SyncReport) -> Void)? = nil) async throws -> SyncReport {
        let start: SyncPosition
        if let since {
            start = .since(since)
        } else if let cursor = try storedCursor() {
            start = .token(cursor.position)
        } else {
            throw SyncError.noStartingPoint(vendor: source.name)
        }
        let sourceName = options.source ?? source.format.defaultSource
        var report = SyncReport(vendor: source.name, source: sourceName, cursorKey: source.cursorKey,
                                startedFrom: start.description, dryRun: dryRun)
        report.cursor = try storedCursor()?.position
        let importer = SyncPageImporter(format: source.format, options: options)
        var diagnostics: [ImportDiagnostic] = []
        if !dryRun {
            report.importRunID = try store.beginImportRun(file: "sync \(source.cursorKey)", format: source.format.rawValue, source: sourceName)
        }
        let clock = ContinuousClock()
        let started = clock.now
        var position: SyncPosition? = start
        do {
            while let current = position {
                let fetchStart = clock.now
                let page = try await source.fetchPage(current)
                report.networkSeconds += Self.seconds(clock.now - fetchStart)
                let mapStart = clock.now
                let label = "\(source.name) page \(report.pages + 1) (\(current))"
                let (tickets, pageDiagnostics) = try importer.tickets(of: page, label: label)
                let prepared = tickets.map(PreparedTicket.init)
                report.mapSeconds += Self.seconds(clock.now - mapStart)
                report.diagnosticCount += pageDiagnostics.count
                diagnostics += pageDiagnostics.prefix(max(0, 1000 - diagnostics.count))
                report.counts.failed += pageDiagnostics.filter { $0.severity == .error }.count
                let storeStart = clock.now
                if dryRun {
                    for (ticket, change) in zip(tickets, try store.previewChanges(prepared)) {
                        report.fetched.append(.init(externalID: ticket.externalID, subject: ticket.subject,
                                                    updatedAt: ticket.updatedAt, change: change.rawValue))
                        report.counts.add(change)
                    }
                } else {
                    let outcomes = try store.storeSyncedPage(prepared, runID: report.importRunID, cursorKey: source.cursorKey,
                                                             position: page.resume, threadWindow: threadWindow)
                    for outcome in outcomes { report.counts.add(outcome) }
                    report.cursor = page.resume
                }
                report.storeSeconds += Self.seconds(clock.now - storeStart)
                report.pages += 1
                progress?(report)
                position = page.next
            }
        } catch {
            report.error = "\(error)"
            report.errorKind = Self.kind(of: error)
            report.stopStatus = (error as? any UserFacingError)?.exitStatus ?? .failure
            logger.error("\(source.name) sync stopped after \(report.pages) committed pages: \(error)")
        }
        if let runID = report.importRunID {
            let status: ImportRunStatus = report.error != nil ? .failed : (report.counts.failed > 0 ? .completedWithErrors : .completed)
            do {
                try store.finishImportRun(id: runID, status: status, counts: report.counts, diagnostics: diagnostics,
                                          duration: clock.now - started, error: report.error)
            } catch {
                logger.error("could not record the end of sync run \(runID): \(error)")
            }
        }
        logger.info("synced \(source.name)", metadata: ["pages": "\(report.pages)", "new": "\(report.counts.new)",
                                                         "updated": "\(report.counts.updated)", "unchanged": "\(report.counts.unchanged)"])
        return report
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func kind(of error: any Error) -> String {
        switch error as? HelpdeskError {
        case .unauthorized?: "unauthorized"
        case .unavailable?: "unavailable"
        case .rateLimited?: "rate_limited"
        default: "failed"
        }
    }
}

/// A sync that cannot start.
public enum SyncError: Error, Sendable, CustomStringConvertible {
    case noStartingPoint(vendor: String)

    public var description: String {
        switch self {
        case let .noStartingPoint(vendor):
            "no stored \(vendor) cursor yet: run the first sync with --since DATE (e.g. --since 2026-01-01) to backfill from that day"
        }
    }
}
