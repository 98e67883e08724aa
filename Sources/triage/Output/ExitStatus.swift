import ArgumentParser

/// The exit codes scripts can rely on (README: Exit codes).
enum ExitStatus: Int32 {
    case success = 0
    /// Something failed (a file could not be imported, a store error).
    case failure = 1
    /// Finished, but some records failed and were skipped (see the diagnostics).
    case partial = 3
    /// The command line is wrong (an option's value, a query that cannot be searched).
    case usage = 64
    /// Input missing or unreadable.
    case noInput = 66
    /// Input of the wrong format.
    case dataError = 65
    /// A service (the API) is unavailable after retries.
    case unavailable = 69
    /// Temporary: another run holds the store or the tickets; try again.
    case temporary = 75
    /// The configuration is wrong.
    case configuration = 78

    var code: ExitCode { ExitCode(rawValue) }
}

/// An error already phrased for the user, with the exit code it maps to.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitStatus

    init(message: String, exitCode: ExitStatus) {
        self.message = message
        self.exitCode = exitCode
    }

    init(_ error: any Error, exitCode: ExitStatus) {
        self.message = (error as? CLIError)?.message ?? "\(error)"
        self.exitCode = (error as? CLIError)?.exitCode ?? exitCode
    }

    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, printing a `CLIError` as `triage: error: …` on stderr and exiting with its code.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            Terminal.error(error.message)
            throw error.exitCode.code
        }
    }

    /// `reportingErrors` for async command bodies.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            Terminal.error(error.message)
            throw error.exitCode.code
        }
    }
}
