import ArgumentParser
import Foundation
import TriageModel

/// The process entry: restricts the mode of every file triage creates, runs the command, and is the one place
/// where an error becomes a message on stderr and an exit status (see ``ErrorBoundary``).
@main
enum Entry {
    static func main() async {
        FileMode.apply(environment: ProcessInfo.processInfo.environment)
        do {
            var command = try Triage.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ErrorBoundary.exit(with: error)
        }
    }
}

/// Maps every error that reaches the top of a command to what the user sees and the exit status scripts rely on.
///
/// - A ``UserFacingError`` (every library error type and ``CommandFailure``): `triage: error: <message>` on stderr,
///   its ``ExitStatus``.
/// - ArgumentParser's own outcomes (help, `--version`, a usage error, an `ExitCode` a command threw after printing
///   its own report): ArgumentParser prints and exits as it documents (usage errors exit 64).
/// - Anything else is an error no module phrased for the user: its description and exit 1.
enum ErrorBoundary {
    static func exit(with error: any Error) -> Never {
        Terminal.clearProgress()
        if let failure = error as? any UserFacingError {
            Terminal.error(failure.userMessage)
            Foundation.exit(failure.exitStatus.rawValue)
        }
        if error is ExitCode || error is CleanExit || Triage.exitCode(for: error) != .failure {
            Triage.exit(withError: error)
        }
        Terminal.error("\(error)")
        Foundation.exit(ExitStatus.failure.rawValue)
    }
}

extension ExitStatus {
    /// The status as ArgumentParser's `ExitCode`, for a command that has printed its own report and only sets the status.
    var code: ExitCode { ExitCode(rawValue) }
}

/// Files triage creates hold customer data (the store and its WAL, the model, digests, exports): they are created
/// 0600, or 0640 with `TRIAGE_FILE_MODE=0640`, through the process's umask, so every writer (SQLite included)
/// is covered. Existing files keep their mode.
enum FileMode {
    /// The umask for a `TRIAGE_FILE_MODE` value; `nil` for a value that is not offered.
    static func mask(for value: String?) -> mode_t? {
        switch value?.trimmingCharacters(in: .whitespaces) {
        case nil, "", "0600", "600": 0o077
        case "0640", "640": 0o027
        default: nil
        }
    }

    static func apply(environment: [String: String]) {
        let value = environment["TRIAGE_FILE_MODE"]
        guard let newMask = Self.mask(for: value) else {
            FileHandle.standardError.write(Data("triage: error: TRIAGE_FILE_MODE=\(value ?? "") is not offered; use 0600 (the default) or 0640\n".utf8))
            exit(78)
        }
        _ = umask(newMask)
    }
}
