import Foundation

/// Why a digest could not be built or delivered.
public enum DigestError: Error, Sendable, CustomStringConvertible {
    /// No folder with the default templates was found.
    case templatesNotFound(searched: [String])
    /// `--send` without the mail settings it needs.
    case mailNotConfigured(missing: String)
    /// The output file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The day, zone or template is unusable (the reports module's message, which names the value or file).
    case invalidRequest(String)
    /// The mail server refused or could not be reached (the sender's message).
    case sendFailed(String)

    public var description: String {
        switch self {
        case let .templatesNotFound(searched):
            "no digest templates found (looked in \(searched.joined(separator: ", "))): pass --templates DIR or set TRIAGE_TEMPLATES to the folder holding digest.html.mustache"
        case let .mailNotConfigured(missing):
            "cannot send the digest: digest.mail.\(missing) is not set in triage.yml (see `triage init` for the commented section)"
        case let .cannotWrite(path, reason):
            "cannot write the digest to \(path) (\(reason)): check the folder exists and is writable"
        case let .invalidRequest(message):
            message
        case let .sendFailed(message):
            "the digest was not sent (nothing recorded, a retry will send it): \(message)"
        }
    }
}
