import Foundation

/// Everything that can go wrong while building or rendering a digest.
///
/// Each message names the input at fault and says what to do about it.
public enum ReportsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A digest date that is not a real `YYYY-MM-DD` calendar day.
    case invalidDate(String)
    /// A time zone identifier the system's time zone database does not know.
    case unknownTimeZone(String)
    /// The default template for a format is not in the templates directory.
    case templateNotFound(path: String, format: DigestFormat)
    /// A template file exists but cannot be read as UTF-8 text.
    case templateUnreadable(path: String, reason: String)
    /// A template's Mustache syntax is wrong.
    case templateSyntax(path: String, line: Int, column: Int, reason: String)
    /// A format that is rendered without a template (JSON) was asked to use one.
    case templateNotApplicable(format: DigestFormat)
    /// The digest could not be encoded.
    case encodingFailed(reason: String)
    /// A JSON digest whose `schema_version` this build does not read.
    case unsupportedSchemaVersion(found: Int, supported: Int)

    public var description: String {
        switch self {
        case .invalidDate(let value):
            "invalid digest date '\(value)': write it as YYYY-MM-DD, a real calendar day (e.g. 2026-03-29)"
        case .unknownTimeZone(let identifier):
            "unknown time zone '\(identifier)': use an IANA identifier such as Europe/Berlin or America/New_York"
        case .templateNotFound(let path, let format):
            "no \(format.rawValue) digest template at \(path): pass the folder that holds "
                + "\(format.templateFileName ?? "the templates") (the project's Templates/), or a template path of your own"
        case .templateUnreadable(let path, let reason):
            "cannot read digest template \(path): \(reason); check the file exists and is UTF-8 text"
        case .templateSyntax(let path, let line, let column, let reason):
            "digest template \(path):\(line):\(column): \(reason); fix the Mustache tag there"
        case .templateNotApplicable(let format):
            "the \(format.rawValue) digest is not rendered from a template: drop the template path or pick html, md or text"
        case .encodingFailed(let reason):
            "cannot encode the digest as JSON: \(reason); the digest holds a value JSON cannot represent (NaN or infinity?)"
        case .unsupportedSchemaVersion(let found, let supported):
            "digest JSON has schema_version \(found) but this build reads version \(supported): "
                + "regenerate the digest with this version of triage"
        }
    }
}
