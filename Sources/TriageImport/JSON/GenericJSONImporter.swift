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
        let reader = MappedRecordReader(mapping: mapping, dates: dates)
        let map = { (record: JSONRecordSource.Record) throws -> ImportedTicket? in
            try reader.ticket(source: source) { field in record.object.value(field) } messages: { path in
                record.object.objects(path).map { message in { (field: String) in message.value(field) } }
            } warn: { field, message in
                diagnostics.report(ImportDiagnostic(severity: .warning, file: url.path, record: record.index, line: record.line, field: field, message: message))
            }
        }
        let probe = try JSONPayloadProbe.probe(url)
        switch probe.root {
        case .empty: throw ImportError.malformed(file: url.path, line: nil, reason: "the file is empty")
        case .notJSON: throw ImportError.malformed(file: url.path, line: nil, reason: "not JSON (the mapping reads JSON records)")
        default: break
        }
        let recordsPath = mapping.records?.trimmingCharacters(in: .whitespaces) ?? ""
        let isRoot = recordsPath.isEmpty || recordsPath == "." || recordsPath == "$"
        let path = isRoot ? [] : recordsPath.split(separator: ".").map(String.init)
        if try JSONRecordSource.isJSONLines(url) || (probe.root == .array && isRoot) || (!isRoot && !probe.sawEnd) {
            var count = 0
            try emitter.run(JSONRecordSource(url: url, paths: [path], maxRecordBytes: options.maxRecordBytes), emit: emit) { record in
                count += 1
                return try map(record)
            }
            if count == 0, !isRoot, !probe.sawEnd {
                throw ImportError.badMapping(file: url.path, reason: "`records: \(recordsPath)` points at nothing in this file (\(probe.keysDescription))")
            }
            return
        }
        // A small document: resolve `records` to an array (many records) or an object (one record).
        let document = try JSONDocument.load(url, maxBytes: options.maxRecordBytes)
        let target: Any? = isRoot ? document : (document as? [String: Any]).flatMap { JSONObject($0).value(recordsPath) }
        let objects: [JSONObject]
        switch target {
        case let array as [Any]:
            objects = JSONPayloadReader.objects(array)
            if objects.isEmpty {
                throw ImportError.noTickets(file: url.path, reason: "`records: \(isRoot ? "." : recordsPath)` is an array without objects")
            }
        case let object as [String: Any]:
            objects = [JSONObject(object)]
        default:
            let what = JSONPayloadReader.describe(document)
            throw ImportError.badMapping(file: url.path, reason: "`records: \(recordsPath)` points at \(target == nil ? "nothing" : JSONObject.kind(of: target!)); the file is \(what)")
        }
        try emitter.run(records: JSONPayloadReader.records(objects), emit: emit, map: map)
    }
}

/// Builds a ticket from any record through a `FieldMapping`: shared by generic JSON and CSV.
struct MappedRecordReader {
    let mapping: FieldMapping
    let dates: FlexibleDateParser

    typealias Lookup = (String) -> Any?

    /// The value at a path, or a template's joined text (`{first} {last}`: missing parts empty, blanks collapsed;
    /// `nil` when every part is missing).
    func resolve(_ spec: String, _ lookup: Lookup) -> Any? {
        guard FieldMapping.isTemplate(spec) else { return lookup(spec) }
        var out = ""
        var any = false
        var rest = Substring(spec)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let path = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if let value = JSONObject.text(lookup(path)) { out += value; any = true }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        guard any else { return nil }
        return out.split(whereSeparator: { $0 == " " }).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    func ticket(source: String, field lookup: Lookup, messages messageLookups: (String) -> [Lookup],
                warn: (String, String) -> Void) throws -> ImportedTicket {
        func value(_ field: FieldMapping.TicketField) -> Any? { mapping.fields[field].flatMap { resolve($0, lookup) } }
        func text(_ field: FieldMapping.TicketField) -> String? {
            JSONObject.text(value(field)).map { mapping.mapValue($0, field: field.rawValue) }
        }
        func date(_ field: FieldMapping.TicketField) -> Date? {
            guard let raw = value(field) else { return nil }
            if let date = dates.date(from: raw) { return date }
            warn(mapping.fields[field]!, "unreadable date \"\(JSONObject.text(raw) ?? "?")\"; left empty")
            return nil
        }
        let derived = mapping.deriveID.flatMap { paths -> String? in
            let values = paths.map { JSONObject.text(resolve($0, lookup)) }
            return values.allSatisfy { $0 == nil } ? nil : VendorValues.derivedID(values)
        }
        guard let id = text(.externalID) ?? derived else {
            let from = mapping.fields[.externalID].map { "`\($0)`" } ?? "derive_id \(mapping.deriveID ?? [])"
            throw JSONRecordError(field: mapping.fields[.externalID], message: "missing the ticket id (mapped from \(from))")
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
                func m(_ field: FieldMapping.MessageField) -> String? {
                    spec.fields[field].flatMap { JSONObject.text(resolve($0, get)) }.map { mapping.mapValue($0, field: "messages." + field.rawValue) }
                }
                let html = m(.bodyHTML)
                guard let body = m(.body) ?? html.map(HTMLToText.convert) else { continue }
                let isPublic: Bool
                if let flag = m(.isPublic) {
                    if let known = FieldMapping.publicFlag(flag) { isPublic = known } else {
                        warn(spec.fields[.isPublic] ?? "public", "visibility \"\(flag)\" not understood (use true/false, public/internal, or a value map); kept public")
                        isPublic = true
                    }
                } else {
                    isPublic = true
                }
                let author = m(.authorEmail) != nil || m(.authorName) != nil ? Participant(name: m(.authorName), email: m(.authorEmail)) : nil
                messages.append(ImportedMessage(
                    externalID: m(.externalID), author: author,
                    role: m(.role).map { mapping.isAgentRole($0) ? .agent : .customer } ?? .customer,
                    isPublic: isPublic, sentAt: spec.fields[.createdAt].flatMap { resolve($0, get) }.flatMap(dates.date(from:)),
                    text: body, html: html))
            }
        }
        var custom: [String: String] = [:]
        for (name, path) in mapping.customFields ?? [:] {
            if let v = JSONObject.text(resolve(path, lookup)) { custom[name] = mapping.mapValue(v, field: name) }
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
