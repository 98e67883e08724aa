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
            throw CLIError(error, exitCode: .failure)
        }
    }

    /// Opens an existing store; a missing file is an error (for read-only commands).
    func openExistingStore() throws -> TicketStore {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError(message: "no store at \(databasePath): run `triage import FILE` (or `triage init`) first, or pass --db", exitCode: .noInput)
        }
        return try openStore()
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
