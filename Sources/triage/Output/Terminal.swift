import Foundation
import Synchronization
import TriageModel

/// stdout for results, stderr for everything else; progress only when stderr is a terminal.
///
/// Every human-readable line passes through ``DisplayText/safe(_:multiline:)``: ticket text cannot send escape
/// sequences to the user's terminal. JSON is written as encoded (control characters escaped by the encoder).
enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// A line of results on stdout.
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((DisplayText.safe(line) + "\n").utf8))
    }

    /// Bytes for stdout exactly as given (encoded JSON, exports).
    static func raw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A diagnostic line on stderr.
    static func err(_ line: String) {
        clearProgress()
        FileHandle.standardError.write(Data((DisplayText.safe(line) + "\n").utf8))
    }

    static func error(_ message: String) {
        err("triage: error: \(message)")
    }

    /// Whether a progress line is on screen (it is cleared before any other line).
    private static let progressShown = Mutex(false)

    /// Replaces the progress line on stderr (terminal only).
    static func progress(_ line: String) {
        guard stderrIsTerminal else { return }
        progressShown.withLock { shown in
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + DisplayText.line(line)).utf8))
            shown = true
        }
    }

    static func clearProgress() {
        guard stderrIsTerminal else { return }
        progressShown.withLock { shown in
            if shown {
                FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
                shown = false
            }
        }
    }

    /// Encodes `value` as pretty, key-sorted JSON on stdout.
    static func json<T: Encodable>(_ value: T, pretty: Bool = true) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        raw(String(decoding: DisplayText.escapingControlsInJSON(try encoder.encode(value)), as: UTF8.self) + "\n")
    }
}
