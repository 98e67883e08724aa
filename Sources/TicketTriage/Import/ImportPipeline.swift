import Foundation
import Synchronization
import Logging
import TriageImport
import TriageModel
import TriageStore

/// Imports export files into the store: reads each file on its own thread, writes in batched transactions,
/// records an import run per file.
///
/// Memory is bounded by the queue between reader and writer. Each batch is one transaction, so a killed import
/// leaves whole batches behind; running it again stores the rest and changes nothing already stored.
public struct ImportPipeline: Sendable {
    public var store: TicketStore
    public var logger: Logger
    /// Tickets per transaction unless set otherwise. Larger transactions rewrite hot index pages less often
    /// (measured 52 → 48 µs of writer CPU per ticket from 1,000 to 5,000); a killed import loses at most one.
    public static let defaultBatchSize = 5000
    /// Tickets per transaction.
    public var batchSize = ImportPipeline.defaultBatchSize
    /// Tickets buffered between the reading thread and the writer.
    public var queueCapacity = 5000
    /// Bytes of ticket text buffered between the reading thread and the writer, and written per transaction:
    /// large e-mails fill a batch long before 5,000 of them do. The queue and the batch in the writer's hands
    /// can each hold this much; 16 MiB keeps a mail import's peak RSS under 150 MB (32 MiB: 184 MiB) and still
    /// lets 5,000 realistic Zendesk tickets (≈ 3.3 KB each as counted) fill one transaction.
    public var byteBudget = 16 << 20

    public init(store: TicketStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// The files `paths` stand for: folders are expanded (Maildirs stay whole), companions are skipped.
    public static func expand(_ paths: [URL]) throws -> [URL] {
        var files: [URL] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                throw ImportError.unreadable(file: path.path, reason: "no such file or folder")
            }
            if !isDirectory.boolValue || (try? FormatDetector.detect(path)) == .maildir {
                files.append(path)
                continue
            }
            let children = try fm.contentsOfDirectory(at: path, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
            var nested: [URL] = []
            for child in children where !child.lastPathComponent.hasPrefix(".") {
                var childIsDirectory: ObjCBool = false
                fm.fileExists(atPath: child.path, isDirectory: &childIsDirectory)
                if childIsDirectory.boolValue {
                    nested.append(child)
                } else if !ImporterRegistry.isCompanionFile(child.lastPathComponent) {
                    files.append(child)
                }
            }
            files += try expand(nested)
        }
        return files
    }

    /// Imports one file. Never throws: a file that cannot be imported is reported with `error` set.
    public func importFile(_ url: URL, format requested: ImportFormat, options: ImportOptions,
                           progress: (@Sendable (ImportProgress) -> Void)? = nil,
                           onDiagnostic: (@Sendable (ImportDiagnostic) -> Void)? = nil) -> ImportFileReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = ImportFileReport(file: url.path, format: requested.rawValue, source: options.source ?? requested.defaultSource,
                                      counts: ImportCounts(), durationSeconds: 0, diagnostics: [], diagnosticCount: 0)
        if let empty = ImportYield.precheck(url) {
            report.error = "\(empty)"
            report.inputError = true
            return report
        }
        let format: ImportFormat
        do {
            format = requested == .auto ? try FormatDetector.detect(url) : requested
        } catch {
            report.error = "\(error)"
            report.inputError = (error as? ImportError)?.isDataError
            return report
        }
        report.format = format.rawValue
        report.source = options.source ?? format.defaultSource
        let importer = ImporterRegistry.importer(for: format)
        let runID: Int64
        do {
            runID = try store.beginImportRun(file: url.path, format: format.rawValue, source: report.source)
        } catch {
            report.error = "\(error)"
            return report
        }
        report.runID = runID
        let sink = ForwardingDiagnosticSink(onDiagnostic: onDiagnostic)
        let queue = BoundedQueue<PreparedTicket>(capacity: queueCapacity, byteCapacity: byteBudget, size: \.approximateBytes)
        let readerError = Mutex<(any Error)?>(nil)
        let readerDone = DispatchSemaphore(value: 0)
        let skippedUnchanged = Atomic(0)
        let store = store
        let reader = Thread {
            defer { readerDone.signal() }
            // Digests and column text are computed here, off the single writer thread; records stored unchanged
            // are dropped here after their digest (see StoredRecordFilter).
            let filter = StoredRecordFilter(store: store) { prepared in
                guard queue.push(prepared) else { throw CancellationError() }
            }
            do {
                try importer.read(url, options: options, diagnostics: sink) { record in
                    try filter.add(record.ticket)
                    skippedUnchanged.store(filter.skipped, ordering: .relaxed)
                }
                try filter.flush()
                skippedUnchanged.store(filter.skipped, ordering: .relaxed)
            } catch is CancellationError {
            } catch {
                readerError.withLock { $0 = error }
            }
            queue.close()
        }
        reader.stackSize = 8 << 20
        reader.start()

        var counts = ImportCounts()
        var writeError: (any Error)?
        var lastProgress = clock.now
        while let batch = queue.popBatch(max: batchSize, maxBytes: byteBudget) {
            do {
                let outcomes = try store.upsert(batch, runID: runID)
                for outcome in outcomes { counts.add(outcome) }
            } catch {
                writeError = error
                queue.cancel()
                break
            }
            if let progress, clock.now - lastProgress > .milliseconds(250) {
                lastProgress = clock.now
                var shown = counts
                shown.unchanged += skippedUnchanged.load(ordering: .relaxed)
                shown.failed = sink.errorCount
                progress(ImportProgress(file: url.path, records: shown.total, counts: shown, elapsed: clock.now - started))
            }
        }
        readerDone.wait()
        counts.unchanged += skippedUnchanged.load(ordering: .relaxed)
        counts.failed = sink.errorCount
        let duration = clock.now - started
        report.counts = counts
        report.durationSeconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        report.diagnostics = sink.collector.diagnostics
        report.diagnosticCount = sink.collector.count
        let fatal = writeError ?? readerError.withLock { $0 } ?? (ImportYield.check(url, counts: counts, failed: counts.failed) as (any Error)?)
        report.error = fatal.map { "\($0)" }
        report.inputError = (fatal as? ImportError)?.isDataError
        let status: ImportRunStatus = fatal != nil ? .failed : (counts.failed > 0 ? .completedWithErrors : .completed)
        do {
            try store.finishImportRun(id: runID, status: status, counts: counts,
                                      diagnostics: report.diagnostics, duration: duration, error: report.error)
        } catch {
            logger.error("could not record the end of import run \(runID): \(error)")
        }
        logger.info("imported \(url.path)", metadata: ["format": "\(format.rawValue)", "new": "\(counts.new)",
                                                        "updated": "\(counts.updated)", "unchanged": "\(counts.unchanged)",
                                                        "failed": "\(counts.failed)"])
        return report
    }
}

/// Collects diagnostics and passes each on as it arrives (so the CLI can print them while the import runs).
final class ForwardingDiagnosticSink: DiagnosticSink {
    let collector = DiagnosticCollector(limit: 1000)
    let onDiagnostic: (@Sendable (ImportDiagnostic) -> Void)?

    init(onDiagnostic: (@Sendable (ImportDiagnostic) -> Void)?) {
        self.onDiagnostic = onDiagnostic
    }

    func report(_ diagnostic: ImportDiagnostic) {
        collector.report(diagnostic)
        onDiagnostic?(diagnostic)
    }

    var errorCount: Int { collector.errorCount }
}
