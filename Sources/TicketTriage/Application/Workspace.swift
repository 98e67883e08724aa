import Foundation
import TriageModel
import TriageStore

/// Where a command's store, settings and rules are, and how they are opened: the one place every command (and the
/// library's own services) resolve `--db`, `--config` and `--rules`, with the environment and the defaults.
///
/// Resolution: the store is `--db`, else `$TRIAGE_DB`, else `./triage.sqlite`; the settings `--config`, else
/// `$TRIAGE_CONFIG`, else `./triage.yml` when it exists (else the built-in defaults); the rules file `--rules`, else
/// `rules:` in the settings, relative to the settings file.
public struct Workspace: Sendable {
    public var databasePath: String
    /// The settings file, `nil` when the defaults apply.
    public var configurationPath: String?
    public var environment: [String: String]

    public init(databaseFlag: String?, configurationFlag: String?, environment: [String: String]) {
        self.databasePath = StoreLocation.database(flag: databaseFlag, environment: environment)
        self.configurationPath = StoreLocation.configuration(flag: configurationFlag, environment: environment)
        self.environment = environment
    }

    /// The settings, or the defaults when there is no file.
    /// - Throws: ``ConfigurationError`` (exit 78) naming the file, line and key.
    public func configuration() throws -> TriageConfiguration {
        guard let configurationPath else { return TriageConfiguration() }
        return try TriageConfiguration.load(from: URL(fileURLWithPath: configurationPath))
    }

    /// Opens the store, creating it when the file does not exist.
    /// - Throws: ``StoreError`` (its exit status says damaged, unopenable, busy, …).
    public func openStore() throws -> TicketStore {
        try TicketStore(path: databasePath)
    }

    /// Opens an existing store for writing; a missing file is an error (exit 66), not a new empty store.
    public func openExistingStore() throws -> TicketStore {
        try requireStore()
        return try openStore()
    }

    /// Opens an existing store for reading only: works on read-only files, folders and media and never changes the
    /// file. A broken settings file is reported here too, not only by the commands that use a setting.
    public func openReadOnlyStore() throws -> TicketStore {
        _ = try configuration()
        try requireStore()
        return try TicketStore(path: databasePath, readOnly: true)
    }

    /// Outbox delivery: webhooks through libcurl, and rule write-backs to the help desks configured for
    /// `triage sync` (environment, else `helpdesk:` of `configuration`); rows for a help desk that is not configured
    /// wait in the outbox.
    public func outboxDelivery(configuration: TriageConfiguration, policy: DeliveryPolicy = DeliveryPolicy()) -> OutboxDelivery {
        var delivery = OutboxDelivery.curl(policy: policy)
        delivery.helpdesk = .configured(settings: configuration.helpdesk, environment: environment,
                                        configFile: configurationPath ?? "triage.yml")
        return delivery
    }

    private func requireStore() throws {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CommandFailure("no store at \(databasePath): run `triage import FILE` (or `triage init`) first, or pass --db",
                                 status: .noInput)
        }
    }
}
