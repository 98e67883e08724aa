import Foundation
import TriageModel

/// What the companion files of a Zendesk legacy export say about ids: `users.xml`, `groups.xml` and
/// `organizations.xml` in the folder of `tickets.xml`.
struct ZendeskXMLDirectory: Sendable {
    struct User: Sendable, Hashable {
        /// Name and lower-cased e-mail, built once per user rather than once per message.
        var participant: Participant
        var role: MessageRole
        var organizationID: Int?
    }

    var users: [Int: User] = [:]
    var groups: [Int: String] = [:]
    var organizations: [Int: String] = [:]
    /// Whether `users.xml` was found (an unknown requester is only worth a warning then).
    var hasUsers = false

    /// Reads the companion files next to `ticketsURL`; a missing file is fine, a broken record is a diagnostic.
    static func load(nextTo ticketsURL: URL, limits: XMLLimits, options: ImportOptions,
                     diagnostics: any DiagnosticSink) throws -> ZendeskXMLDirectory {
        let folder = ticketsURL.deletingLastPathComponent()
        var directory = ZendeskXMLDirectory()
        let usersURL = folder.appendingPathComponent("users.xml")
        if FileManager.default.fileExists(atPath: usersURL.path) {
            directory.hasUsers = true
            try each(in: usersURL, path: ["users", "user"], limits: limits, options: options, diagnostics: diagnostics) { user in
                guard let id = try user.integer("id") else { return }
                directory.users[id] = User(participant: Participant(name: user.string("name"), email: user.string("email")),
                                           role: ZendeskXMLCodes.role(try user.integer("roles") ?? 0),
                                           organizationID: try user.integer("organization-id"))
            }
        }
        let groupsURL = folder.appendingPathComponent("groups.xml")
        if FileManager.default.fileExists(atPath: groupsURL.path) {
            try each(in: groupsURL, path: ["groups", "group"], limits: limits, options: options, diagnostics: diagnostics) { group in
                if let id = try group.integer("id"), let name = group.string("name") { directory.groups[id] = name }
            }
        }
        let organizationsURL = folder.appendingPathComponent("organizations.xml")
        if FileManager.default.fileExists(atPath: organizationsURL.path) {
            try each(in: organizationsURL, path: ["organizations", "organization"], limits: limits, options: options,
                     diagnostics: diagnostics) { organization in
                if let id = try organization.integer("id"), let name = organization.string("name") {
                    directory.organizations[id] = name
                }
            }
        }
        return directory
    }

    /// Streams one companion file; records that fail are reported and skipped; a broken file is reported
    /// (what was read before the break is kept) and a refused one throws.
    private static func each(in url: URL, path: [String], limits: XMLLimits, options: ImportOptions,
                             diagnostics: any DiagnosticSink, _ body: (XMLTreeElement) throws -> Void) throws {
        let stream = XMLRecordStream(url: url, recordPath: path, limits: limits, maxRecordBytes: options.maxRecordBytes)
        var index = 0
        do {
            try stream.forEach(diagnostics: diagnostics) { item in
                index += 1
                guard case let .record(element) = item else { return }
                do {
                    try body(element)
                } catch let problem as XMLFieldProblem {
                    diagnostics.report(ImportDiagnostic(file: url.path, record: index, line: problem.line ?? element.line,
                                                        field: problem.field, message: problem.message + "; entry ignored"))
                }
            }
        } catch let broken as XMLDocumentBroken {
            diagnostics.report(ImportDiagnostic(file: broken.file, line: broken.line, column: broken.column, message:
                "reading stopped: \(broken.message); ids defined after this point stay unresolved (fix or re-export it)"))
        }
    }
}
