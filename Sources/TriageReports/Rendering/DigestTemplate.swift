import Foundation
import Mustache

/// A parsed digest template for one output format.
///
/// HTML templates render `{{name}}` HTML-escaped (Mustache's default). Markdown and text templates render
/// without HTML escaping: the view model has already escaped Markdown and flattened text for them.
public struct DigestTemplate: Sendable {
    public let format: DigestFormat
    /// Where the template came from, for error messages.
    public let path: String
    let template: MustacheTemplate

    /// Parses template source.
    /// - Throws: ``ReportsError/templateNotApplicable(format:)`` for JSON, ``ReportsError/templateSyntax(path:line:column:reason:)``.
    public init(source: String, format: DigestFormat, path: String = "<inline template>") throws {
        guard format != .json else { throw ReportsError.templateNotApplicable(format: format) }
        let text = format == .html ? source : "{{% CONTENT_TYPE: TEXT}}" + source
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw ReportsError.templateSyntax(path: path, line: error.context.lineNumber,
                                              column: error.context.columnNumber, reason: "\(error.error)")
        }
        self.format = format
        self.path = path
    }

    /// Reads the template for `format`: the file at `customPath` when given, else the default in `directory`.
    ///
    /// This is the one place the reports module reads files; the caller (the CLI) says where the templates live.
    /// - Throws: ``ReportsError/templateNotFound(path:format:)`` when the file is missing,
    ///   ``ReportsError/templateUnreadable(path:reason:)``, or a syntax error.
    public static func load(format: DigestFormat, templatesDirectory directory: String,
                            customPath: String? = nil) throws -> DigestTemplate {
        guard let fileName = format.templateFileName else { throw ReportsError.templateNotApplicable(format: format) }
        let path = customPath ?? URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReportsError.templateNotFound(path: path, format: format)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportsError.templateUnreadable(path: path, reason: error.localizedDescription)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw ReportsError.templateUnreadable(path: path, reason: "not valid UTF-8")
        }
        return try DigestTemplate(source: source, format: format, path: path)
    }
}
