import Foundation
import TriageModel

/// Reads any XML export through a ``FieldMapping`` (`ImportOptions.mapping`).
///
/// `records` is the record element path from the document element (`export/tickets/ticket`; omitted, every
/// child of the document element is a record). Field paths are relative to the record: `subject`,
/// `requester/email`, `@id`, `requester/@email`. `messages.path` names a repeating child (`comments/comment`)
/// whose fields are relative to each message element.
public struct GenericXMLImporter: TicketImporter {
    public let format = ImportFormat.genericXML
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
        guard let mapping = options.mapping else {
            throw ImportError.badMapping(file: url.path, reason:
                "generic XML needs a field mapping (records path and field paths); give a mapping file")
        }
        guard mapping.fields[.externalID] != nil else {
            throw ImportError.badMapping(file: url.path, reason: "`fields.external_id` is required: name the element or @attribute that identifies a ticket")
        }
        let recordPath = (mapping.records ?? "").split(separator: "/").map(String.init)
        let mapper = GenericXMLMapper(mapping: mapping, source: options.source ?? format.defaultSource,
                                      zone: options.defaultTimeZone)
        let run = XMLImportRun(url: url, recordPath: recordPath, limits: limits, options: options,
                               diagnostics: diagnostics)
        try run.run(map: mapper.ticket(from:), emit: emit)
    }
}
