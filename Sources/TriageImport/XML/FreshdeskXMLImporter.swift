import Foundation
import TriageModel

/// Reads Freshdesk's legacy XML export (`<helpdesk-tickets><helpdesk-ticket>` with `<notes><helpdesk-note>`).
///
/// `display-id` is the external id; `status`, `priority` and `source` codes are named as Freshdesk's API
/// names them (status 2 open, 3 pending, 4 resolved, 5 closed; priority 1 low … 4 urgent; source 1 email,
/// 2 portal, 3 phone, 7 chat, 9 feedback widget, 10 outbound email). The group name is the department label.
/// Notes marked `incoming` are the customer's; `private` notes are internal.
public struct FreshdeskXMLImporter: TicketImporter {
    public let format = ImportFormat.freshdeskXML
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
        let mapper = FreshdeskXMLMapper(source: options.source ?? format.defaultSource, zone: options.defaultTimeZone)
        let run = XMLImportRun(url: url, recordPath: ["helpdesk-tickets", "helpdesk-ticket"], limits: limits,
                               options: options, diagnostics: diagnostics)
        try run.run(map: mapper.ticket(from:), emit: emit)
    }
}
