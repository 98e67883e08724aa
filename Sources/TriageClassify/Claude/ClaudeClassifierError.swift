/// Why the Claude classifier cannot be set up. Answers and API failures are not errors: they are recorded as
/// failed calls in the ``Classification``.
public enum ClaudeClassifierError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A prompt template file is missing.
    case templateNotFound(path: String)
    /// A prompt template file cannot be read.
    case templateUnreadable(path: String, reason: String)
    /// A prompt template does not parse.
    case templateSyntax(path: String, line: Int, column: Int, reason: String)
    /// The configuration cannot work (no departments, a non-positive `max_tokens`, a threshold outside 0…1).
    case invalidSettings(String)

    public var description: String {
        switch self {
        case let .templateNotFound(path):
            "prompt template \(path) not found — copy the project's Templates/prompts/ there or point the prompts directory at it"
        case let .templateUnreadable(path, reason):
            "cannot read prompt template \(path): \(reason) — check its permissions and that it is UTF-8"
        case let .templateSyntax(path, line, column, reason):
            "prompt template \(path):\(line):\(column): \(reason) — fix the Mustache syntax there"
        case let .invalidSettings(detail):
            "invalid Claude settings: \(detail) — fix the `claude:` section of triage.yml"
        }
    }
}
