/// libxml2 stopped: the document is not well-formed past this point (it cannot recover).
///
/// Internal to the XML importers, which turn it into a diagnostic (records were already emitted)
/// or into ``ImportError/malformed(file:line:reason:)``.
struct XMLDocumentBroken: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var column: Int?
    /// libxml2's message.
    var message: String

    /// The advice shown with the message.
    var reason: String {
        let column = column.map { ", column \($0)" } ?? ""
        return "\(message)\(column); the XML is not well-formed (truncated or corrupted?), fix or re-export it"
    }

    var description: String { "\(file):\(line.map(String.init) ?? "?"): \(reason)" }

    var importError: ImportError { .malformed(file: file, line: line, reason: reason) }
}
