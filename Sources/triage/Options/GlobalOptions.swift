import ArgumentParser
import Foundation
import Synchronization
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

    /// Where the store, the settings and the rules are (TicketTriage resolves them; see ``Workspace``).
    var workspace: Workspace { Workspace(databaseFlag: db, configurationFlag: config, environment: environment) }

    /// The logger for this run (bootstrapped once, to stderr).
    func logger(_ label: String = "triage") -> Logger {
        LoggingBootstrap.once(level: logLevel)
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// The settings, or the defaults when there is no file.
    func loadConfiguration() throws -> TriageConfiguration { try workspace.configuration() }

    var databasePath: String { workspace.databasePath }

    /// Outbox delivery with rule write-backs to the configured help desks (see ``Workspace/outboxDelivery``).
    func outboxDelivery(policy: DeliveryPolicy = DeliveryPolicy()) throws -> OutboxDelivery {
        try workspace.outboxDelivery(configuration: loadConfiguration(), policy: policy)
    }

    /// Opens (creating if needed) the store.
    func openStore() throws -> TicketStore { try workspace.openStore() }

    /// Opens an existing store for writing; a missing file is an error.
    func openExistingStore() throws -> TicketStore { try workspace.openExistingStore() }

    /// Opens an existing store for reading only (list, show, search, export, stats, outbox list, rules test and
    /// explain): works on read-only files, folders and media, and never changes the file.
    func openReadOnlyStore() throws -> TicketStore { try workspace.openReadOnlyStore() }
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
    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        done.withLock { done in
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
