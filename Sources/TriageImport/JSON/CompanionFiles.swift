import Foundation
import TriageModel

/// A person known from side-loaded users, agents or contacts.
struct KnownPerson {
    var participant: Participant
    var isAgent: Bool
}

/// The JSON files beside an export, classified by content: messages that name their ticket, and people
/// (agents, users, contacts) for names and roles. Small files only (each is read whole).
struct CompanionFiles {
    /// Messages by the id of their ticket.
    var messages: [String: [JSONObject]] = [:]
    var people: [String: KnownPerson] = [:]

    /// Reads the companions of `main` for `vendor`; `ticketKey` names the message field that holds the ticket id.
    static func load(beside main: URL, vendor: JSONVendor, ticketKey: String, maxBytes: Int,
                     diagnostics: any DiagnosticSink) -> CompanionFiles {
        var result = CompanionFiles()
        let folder = main.deletingLastPathComponent()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where name != main.lastPathComponent && name.lowercased().hasSuffix(".json") {
            let file = folder.appendingPathComponent(name)
            guard let probe = try? JSONPayloadProbe.probe(file) else { continue }
            let kind = JSONVendorFingerprint.kind(of: probe)
            switch kind {
            case let .messages(v) where v == nil || v == vendor:
                guard let document = try? JSONDocument.load(file, maxBytes: maxBytes) else { continue }
                for message in records(document) {
                    let m = message.object("note") ?? message
                    if let id = m.string(ticketKey) { result.messages[id, default: []].append(m) }
                }
            case let .sideLoad(what):
                guard let document = try? JSONDocument.load(file, maxBytes: maxBytes) else { continue }
                for person in records(document) {
                    guard let id = person.string("id") else { continue }
                    let contact = person.object("contact") ?? person
                    let isAgent = what == "agents" || person.value("ticket_scope") != nil
                        || ["agent", "admin", "user", "staff"].contains(person.string("role")?.lowercased() ?? person.string("type")?.lowercased() ?? "")
                    let name = contact.string("name") ?? [contact.string("first") ?? contact.string("firstname"), contact.string("last") ?? contact.string("lastname")].compactMap { $0 }.joined(separator: " ")
                    result.people[id] = KnownPerson(participant: Participant(name: name.isEmpty ? nil : name, email: contact.string("email")), isAgent: isAgent)
                }
            default:
                continue
            }
        }
        return result
    }

    /// The objects of a document: a top-level array, or the first array under the root object.
    static func records(_ document: Any) -> [JSONObject] {
        if let array = document as? [Any] { return JSONPayloadReader.objects(array) }
        if let object = document as? [String: Any] {
            for value in object.values { if let array = value as? [Any] { return JSONPayloadReader.objects(array) } }
        }
        return []
    }
}

/// `Rachel <rachel@example.com>`, `"Doe, Jane" <jane@example.com>` or a bare address as a participant.
func participant(fromAddress text: String?) -> Participant? {
    guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
    if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
        let address = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        var name = text[..<open].trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        return Participant(name: name.isEmpty ? nil : name, email: address.isEmpty ? nil : address)
    }
    return Participant(email: text)
}
