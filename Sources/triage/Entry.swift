import ArgumentParser
import Foundation

/// The process entry: restricts the mode of every file triage creates, then runs the command.
@main
enum Entry {
    static func main() async {
        FileMode.apply(environment: ProcessInfo.processInfo.environment)
        await Triage.main()
    }
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
