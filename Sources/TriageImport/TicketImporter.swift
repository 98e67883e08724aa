import Foundation
import TriageModel

/// Options every importer understands.
public struct ImportOptions: Sendable {
    /// The `source` of the tickets (`zendesk`, `mail:support@acme.com`); importers use their default when `nil`.
    public var source: String?
    /// Zone for timestamps that carry none.
    public var defaultTimeZone: TimeZone
    /// Field mapping for generic JSON, generic XML and CSV.
    public var mapping: FieldMapping?
    /// Addresses and domains of the team (mail from them is the agent side).
    public var teamAddresses: [String]
    /// Keep attachment bytes up to this size (0 = keep none).
    public var keepAttachmentBytesUpTo: Int
    /// Refuse single records (or XML documents) larger than this many bytes.
    public var maxRecordBytes: Int

    public init(source: String? = nil, defaultTimeZone: TimeZone = TimeZone(identifier: "UTC")!,
                mapping: FieldMapping? = nil, teamAddresses: [String] = [],
                keepAttachmentBytesUpTo: Int = 0, maxRecordBytes: Int = 64 << 20) {
        self.source = source
        self.defaultTimeZone = defaultTimeZone
        self.mapping = mapping
        self.teamAddresses = teamAddresses
        self.keepAttachmentBytesUpTo = keepAttachmentBytesUpTo
        self.maxRecordBytes = maxRecordBytes
    }
}

/// What an importer hands the pipeline for each record: the ticket and where it came from.
public struct ImportRecord: Sendable {
    public var ticket: ImportedTicket
    /// 1-based index of the record in the file.
    public var index: Int
    /// 1-based line where the record starts, when known.
    public var line: Int?

    public init(ticket: ImportedTicket, index: Int, line: Int? = nil) {
        self.ticket = ticket
        self.index = index
        self.line = line
    }
}

/// Reads one export format and streams the tickets in it.
///
/// Importers stream: memory stays bounded by the largest single record, not the file. A record that
/// cannot be read goes to `diagnostics` and reading goes on; only a file that cannot be read at all throws.
///
/// ```swift
/// struct OneTicketImporter: TicketImporter {
///     let format = ImportFormat.genericJSON
///     func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
///               emit: (ImportRecord) throws -> Void) throws {
///         try emit(ImportRecord(ticket: ImportedTicket(source: "test", externalID: "1", subject: "Hi"), index: 1))
///     }
/// }
/// ```
public protocol TicketImporter: Sendable {
    /// The format this importer reads.
    var format: ImportFormat { get }

    /// Reads `url` and calls `emit` once per ticket, in file order. `emit` may throw to stop reading.
    func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
              emit: (ImportRecord) throws -> Void) throws
}
