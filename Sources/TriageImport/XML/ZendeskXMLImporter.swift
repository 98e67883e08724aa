import Foundation
import TriageModel

/// Reads Zendesk's legacy full XML export: `tickets.xml`, resolved through the companion `users.xml`,
/// `groups.xml` and `organizations.xml` in the same folder.
///
/// `nice-id` is the external id; Rails-style `type=` and `nil="true"` attributes are honoured; group names
/// become `labelDepartment`, `priority-id` becomes `labelPriority`; users with the admin or agent role write
/// agent messages. The first comment, which repeats the description, is not doubled.
public struct ZendeskXMLImporter: TicketImporter {
    public let format = ImportFormat.zendeskXML
    /// Caps against hostile or broken files.
    public var limits: XMLLimits

    public init() {
        limits = XMLLimits()
    }

    public init(limits: XMLLimits) {
        self.limits = limits
    }

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        let directory = try ZendeskXMLDirectory.load(nextTo: url, limits: limits, options: options, diagnostics: diagnostics)
        let mapper = ZendeskXMLMapper(directory: directory, source: options.source ?? format.defaultSource,
                                      zone: options.defaultTimeZone)
        let run = XMLImportRun(url: url, recordPath: ["tickets", "ticket"], limits: limits, options: options,
                               diagnostics: diagnostics)
        try run.run(map: mapper.ticket(from:), emit: emit)
    }
}
