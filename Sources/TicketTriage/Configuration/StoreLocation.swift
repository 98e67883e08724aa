import Foundation

/// Resolves where the store and the configuration are: flag, then environment, then the default.
public enum StoreLocation {
    /// `--db`, else `TRIAGE_DB`, else `./triage.sqlite`.
    public static func database(flag: String?, environment: [String: String]) -> String {
        flag ?? environment["TRIAGE_DB"] ?? "triage.sqlite"
    }

    /// `--config`, else `TRIAGE_CONFIG`, else `./triage.yml` when it exists; `nil` means defaults.
    public static func configuration(flag: String?, environment: [String: String]) -> String? {
        if let flag { return flag }
        if let env = environment["TRIAGE_CONFIG"] { return env }
        return FileManager.default.fileExists(atPath: "triage.yml") ? "triage.yml" : nil
    }
}
