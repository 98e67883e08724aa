import ArgumentParser
import Foundation
import TriageModel
import Logging
import TicketTriage
import TriageStore

/// Options every subcommand accepts: where the store and the configuration are, and how much to log.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (default: $TRIAGE_DB, else ./triage.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Settings file (default: $TRIAGE_CONFIG, else ./triage.yml if present).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The logger for this run (bootstrapped once, to stderr).
    func logger(_ label: String = "triage") -> Logger {
        LoggingBootstrap.once(level: logLevel)
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// The settings, or the defaults when there is no file.
    func loadConfiguration() throws -> TriageConfiguration {
        guard let path = StoreLocation.configuration(flag: config, environment: environment) else { return TriageConfiguration() }
        do {
            return try TriageConfiguration.load(from: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(error, exitCode: .configuration)
        }
    }

    var databasePath: String { StoreLocation.database(flag: db, environment: environment) }

    /// Opens (creating if needed) the store.
    func openStore() throws -> TicketStore {
        do {
            return try TicketStore(path: databasePath)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Opens an existing store for writing; a missing file is an error.
    func openExistingStore() throws -> TicketStore {
        try requireStore()
        return try openStore()
    }

    /// Opens an existing store for reading only (list, show, search, export, stats, outbox list, rules test and
    /// explain): works on read-only files, folders and media, and never changes the file.
    func openReadOnlyStore() throws -> TicketStore {
        // A broken --config (or triage.yml) is reported here too, not only by the commands that use a setting.
        _ = try loadConfiguration()
        try requireStore()
        do {
            return try TicketStore(path: databasePath, readOnly: true)
        } catch {
            throw Self.storeError(error)
        }
    }

    private func requireStore() throws {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError(message: "no store at \(databasePath): run `triage import FILE` (or `triage init`) first, or pass --db", exitCode: .noInput)
        }
    }

    /// Store errors with their exit codes: a damaged or foreign file is bad input (65), an unopenable one missing
    /// input (66), everything else a failure (1).
    static func storeError(_ error: any Error) -> CLIError {
        switch error as? StoreError {
        case .damaged?, .notAStore?: CLIError(error, exitCode: .dataError)
        case .cannotOpen?: CLIError(error, exitCode: .noInput)
        default: CLIError(error, exitCode: .failure)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--format text|json` for commands whose output is data.
struct OutputOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    private static let lock = NSLock()

    static func once(level: Logger.Level) {
        lock.withLock {
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
