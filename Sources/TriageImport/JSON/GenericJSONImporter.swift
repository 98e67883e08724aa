import Foundation
import TriageModel

/// Any JSON or JSON Lines export, read through a field mapping (`--mapping FILE`, see `FieldMapping`).
public struct GenericJSONImporter: TicketImporter {
    public let format = ImportFormat.genericJSON

    public init() {}

    public func read(_ url: URL, options: ImportOptions, diagnostics: any DiagnosticSink,
                     emit: (ImportRecord) throws -> Void) throws {
        guard let mapping = options.mapping else {
            throw ImportError.badMapping(file: url.path, reason: "generic JSON needs a field mapping: pass --mapping FILE (see docs/importing.md)")
        }
        let source = options.source ?? format.defaultSource
        let dates = FlexibleDateParser(defaultTimeZone: options.defaultTimeZone)
        let emitter = JSONTicketEmitter(url: url, diagnostics: diagnostics)
        let path = mapping.records.map { $0.split(separator: ".").map(String.init) } ?? []
        let records = JSONRecordSource(url: url, paths: [path], maxRecordBytes: options.maxRecordBytes)
        let reader = MappedRecordReader(mapping: mapping, dates: dates)
        try emitter.run(records, emit: emit) { record in
            try reader.ticket(source: source) { field in record.object.value(field) } messages: { path in
                record.object.objects(path).map { message in { (field: String) in message.value(field) } }
            } warn: { field, message in
                diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, record: record.index, line: record.line, field: field, message: message))
            }
        }
    }
}

/// Builds a ticket from any record through a `FieldMapping`: shared by generic JSON and CSV.
struct MappedRecordReader {
    let mapping: FieldMapping
    let dates: FlexibleDateParser

    typealias Lookup = (String) -> Any?

    func ticket(source: String, field lookup: Lookup, messages messageLookups: (String) -> [Lookup],
                warn: (String, String) -> Void) throws -> ImportedTicket {
        func value(_ field: FieldMapping.TicketField) -> Any? { mapping.fields[field].flatMap(lookup) }
        func text(_ field: FieldMapping.TicketField) -> String? { JSONObject.text(value(field)) }
        func date(_ field: FieldMapping.TicketField) -> Date? {
            guard let raw = value(field) else { return nil }
            if let date = dates.date(from: raw) { return date }
            warn(mapping.fields[field]!, "unreadable date \"\(JSONObject.text(raw) ?? "?")\"; left empty")
            return nil
        }
        guard let id = text(.externalID) else {
            throw JSONRecordError(field: mapping.fields[.externalID], message: "missing the ticket id (mapped from `\(mapping.fields[.externalID] ?? "?")`)")
        }
        let requester = text(.requesterEmail) != nil || text(.requesterName) != nil
            ? Participant(name: text(.requesterName), email: text(.requesterEmail)) : nil
        let created = date(.createdAt)
        var messages: [ImportedMessage] = []
        if let body = text(.body) ?? text(.bodyHTML).map(HTMLToText.convert) {
            messages.append(ImportedMessage(externalID: "body", author: requester, role: .customer, sentAt: created,
                                            text: body, html: text(.bodyHTML)))
        }
        if let spec = mapping.messages {
            for get in messageLookups(spec.path) {
                func m(_ field: FieldMapping.MessageField) -> String? { spec.fields[field].flatMap { JSONObject.text(get($0)) } }
                let html = m(.bodyHTML)
                guard let body = m(.body) ?? html.map(HTMLToText.convert) else { continue }
                let isPublic = spec.fields[.isPublic].flatMap { get($0) }.map { JSONObject.text($0)?.lowercased() != "false" } ?? true
                let author = m(.authorEmail) != nil || m(.authorName) != nil ? Participant(name: m(.authorName), email: m(.authorEmail)) : nil
                messages.append(ImportedMessage(
                    externalID: m(.externalID), author: author,
                    role: m(.role).map { mapping.isAgentRole($0) ? .agent : .customer } ?? .customer,
                    isPublic: isPublic, sentAt: spec.fields[.createdAt].flatMap { get($0) }.flatMap(dates.date(from:)),
                    text: body, html: html))
            }
        }
        var custom: [String: String] = [:]
        for (name, path) in mapping.customFields ?? [:] {
            if let v = JSONObject.text(lookup(path)) { custom[name] = v }
        }
        let tags: [String] = {
            switch value(.tags) {
            case let array as [Any]: return array.compactMap { JSONObject.text($0) }
            case let string as String:
                let separator = mapping.tagSeparator
                return (separator.map { string.components(separatedBy: $0) } ?? string.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default: return []
            }
        }()
        return ImportedTicket(
            source: source, externalID: id, subject: text(.subject) ?? subjectFallback(messages.first?.text),
            status: text(.status)?.lowercased(), channel: text(.channel)?.lowercased(), requester: requester,
            organization: text(.organization), assignee: text(.assigneeEmail).map { Participant(email: $0) },
            tags: tags, createdAt: created, updatedAt: date(.updatedAt), labelDepartment: text(.department),
            labelPriority: text(.priority).map { Priority(exported: $0)?.rawValue ?? $0.lowercased() },
            customFields: custom, messages: messages)
    }
}
