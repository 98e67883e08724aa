import Mustache

/// Renders a ``DigestData`` as HTML, Markdown, plain text or JSON.
///
/// Pure once the template is loaded: the same data, template and summary always give the same bytes.
/// ```swift
/// let template = try DigestTemplate.load(format: .html, templatesDirectory: "Templates")
/// let html = try DigestRenderer().render(data, template: template)
/// let json = try DigestRenderer().render(data, format: .json)
/// ```
public struct DigestRenderer: Sendable {
    /// Ticket lists longer than this are cut, with "and N more".
    public var maximumRows: Int

    public init(maximumRows: Int = 25) {
        self.maximumRows = maximumRows
    }

    /// Renders `data` with `template` (its format decides escaping).
    /// - Parameter summary: the executive summary text (e.g. written by Claude); `nil` composes one from the numbers.
    public func render(_ data: DigestData, template: DigestTemplate, summary: String? = nil) -> String {
        let view = viewModel(data, format: template.format, summary: summary)
        return template.template.render(view)
    }

    /// Renders `data` as JSON (``DigestData/encodeJSON()``); for the other formats, use a ``DigestTemplate``.
    /// - Throws: ``ReportsError/templateNotFound(path:format:)`` for html, md and text, which need a template.
    public func render(_ data: DigestData, format: DigestFormat) throws -> String {
        guard format == .json else { throw ReportsError.templateNotFound(path: "(none given)", format: format) }
        return try data.encodeJSON()
    }

    /// Loads the template for `format` (a custom path, or the default from `templatesDirectory`) and renders.
    public func render(_ data: DigestData, format: DigestFormat, templatesDirectory: String,
                       customTemplatePath: String? = nil, summary: String? = nil) throws -> String {
        if format == .json {
            if customTemplatePath != nil { throw ReportsError.templateNotApplicable(format: .json) }
            return try data.encodeJSON()
        }
        let template = try DigestTemplate.load(format: format, templatesDirectory: templatesDirectory,
                                               customPath: customTemplatePath)
        return render(data, template: template, summary: summary)
    }

    /// The values the templates see.
    public func viewModel(_ data: DigestData, format: DigestFormat, summary: String? = nil) -> DigestViewModel {
        DigestViewModel(data: data, format: format, summary: summary, maximumRows: maximumRows)
    }
}
