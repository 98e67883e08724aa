/// The exit statuses scripts can rely on (README: Exit codes); the values follow BSD `sysexits.h`.
public enum ExitStatus: Int32, Sendable, CaseIterable, Codable {
    case success = 0
    /// Something failed (a file could not be imported, a store error, delivery gave up).
    case failure = 1
    /// Finished, but some records or tickets failed and were skipped (see the diagnostics).
    case partial = 3
    /// The command line is wrong (an option's value, a query that cannot be searched).
    case usage = 64
    /// Input of the wrong format (a damaged store, a file no importer can read).
    case dataError = 65
    /// Input missing or unreadable (a file, the store, the model, a ticket id).
    case noInput = 66
    /// A service (the Anthropic API, a help desk, the mail server) is unavailable after retries.
    case unavailable = 69
    /// Temporary: another process holds the store or the tickets, or deliveries wait for a retry; try again.
    case temporary = 75
    /// The configuration is wrong (triage.yml, the rules file, a missing credential).
    case configuration = 78
}

/// An error that knows what to tell the user and which exit status it stands for.
///
/// Every error a library module throws to the command line conforms, in one file beside the error
/// (`…+ExitStatus.swift`); the `triage` executable maps it at one boundary (its entry point): it prints
/// `triage: error: <userMessage>` on stderr and exits with `exitStatus`. An error that does not conform is a bug
/// in that mapping and exits 1 with its description.
public protocol UserFacingError: Error {
    /// The process exit status this error means.
    var exitStatus: ExitStatus { get }
    /// What happened and what to do, phrased for the person at the terminal; never a credential.
    var userMessage: String { get }
}

extension UserFacingError where Self: CustomStringConvertible {
    public var userMessage: String { description }
}

/// A failure phrased by the code that detected it, with its exit status: for conditions that are not an error of
/// a library type (an option combination, a file the command was told to write, a count that means failure).
public struct CommandFailure: UserFacingError, CustomStringConvertible, Sendable {
    public var message: String
    public var exitStatus: ExitStatus

    public init(_ message: String, status: ExitStatus) {
        self.message = message
        self.exitStatus = status
    }

    public var userMessage: String { message }
    public var description: String { message }
}
