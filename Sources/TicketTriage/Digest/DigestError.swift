import Foundation

/// Why a digest could not be built or delivered.
public enum DigestError: Error, Sendable, CustomStringConvertible {
    /// No folder with the default templates was found.
    case templatesNotFound(searched: [String])
    /// `--send` without the mail settings it needs.
    case mailNotConfigured(missing: String)
    /// The output file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .templatesNotFound(searched):
            "no digest templates found (looked in \(searched.joined(separator: ", "))): pass --templates DIR or set TRIAGE_TEMPLATES to the folder holding digest.html.mustache"
        case let .mailNotConfigured(missing):
            "cannot send the digest: digest.mail.\(missing) is not set in triage.yml (see `triage init` for the commented section)"
        case let .cannotWrite(path, reason):
            "cannot write the digest to \(path) (\(reason)): check the folder exists and is writable"
        }
    }
}
