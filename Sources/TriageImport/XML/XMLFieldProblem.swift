import TriageModel
/// A field of one record that cannot be read: the record is skipped and reported, the file goes on.
///
/// Internal to the XML importers; it never leaves the module (it becomes an ``ImportDiagnostic``).
struct XMLFieldProblem: Error, CustomStringConvertible {
    /// The field path within the record (`nice-id`, `comments/comment[2]/created-at`).
    var field: String
    /// What is wrong and what to do.
    var message: String
    /// The line of the offending element, when known.
    var line: Int?

    var description: String { "\(field): \(message)" }
}
