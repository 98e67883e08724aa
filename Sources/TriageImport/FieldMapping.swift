import Foundation
import Yams

/// How to read tickets from a generic JSON, XML or CSV export: where the records are and which path gives each field.
///
/// Paths are dotted (`customer.email`, `comments`, `fields.0.value`) for JSON, column names for CSV and
/// relative element paths for XML (`requester/email`, `@id` for an attribute). A mapping file is YAML:
///
/// ```yaml
/// records: data.tickets        # JSON: where the array of records is; omit for JSONL or a top-level array
/// fields:
///   external_id: id
///   subject: title
///   body: description
///   requester_email: customer.email
///   created_at: created
///   department: team            # human label: ground truth for training and evaluation
/// messages:                     # optional: a repeating child with the conversation
///   path: comments
///   fields: { external_id: id, body: text, author_email: author.email, role: author.type, created_at: at }
/// ```
///
/// `records: "."` (or `$`) is the root itself; `records` may name a single object (one ticket). A field may join
/// several (`requester_name: "{first} {last}"`); `value_maps` translate values; `derive_id` makes an id when the
/// export has none. See docs/importing.md.
public struct FieldMapping: Codable, Sendable, Hashable {
    /// Ticket-level fields that a mapping may name.
    public enum TicketField: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
        case externalID = "external_id"
        case subject
        case body
        case bodyHTML = "body_html"
        case status
        case channel
        case requesterEmail = "requester_email"
        case requesterName = "requester_name"
        case organization
        case assigneeEmail = "assignee_email"
        case tags
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case department
        case priority
    }

    /// Message-level fields of `messages.fields`.
    public enum MessageField: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
        case externalID = "external_id"
        case body
        case bodyHTML = "body_html"
        case authorEmail = "author_email"
        case authorName = "author_name"
        case role
        case isPublic = "public"
        case createdAt = "created_at"
    }

    public struct Messages: Codable, Sendable, Hashable {
        public var path: String
        public var fields: [MessageField: String]

        public init(path: String, fields: [MessageField: String]) {
            self.path = path
            self.fields = fields
        }
    }

    /// JSON: dotted path to the array of records; XML: the record element path (`export/tickets/ticket`).
    public var records: String?
    public var fields: [TicketField: String]
    public var messages: Messages?
    /// Extra fields kept as custom fields: name → path.
    public var customFields: [String: String]?
    /// Values of the message `role` field that mean an agent (compared case-insensitively); everything else is customer.
    public var agentRoleValues: [String]?
    /// Separator for a `tags` field given as one string (default: comma or whitespace).
    public var tagSeparator: String?
    /// Value maps by field name (`priority`, `status`, `messages.public`, `messages.role`): exported value →
    /// stored value, compared case-insensitively (`{"2 normal": normal}`, `{note: internal}`); values not in the
    /// map pass unchanged.
    public var valueMaps: [String: [String: String]]?
    /// When the export has no ticket id: the paths whose values, hashed, make one (`sha256:` + 16 hex digits).
    public var deriveID: [String]?

    enum CodingKeys: String, CodingKey {
        case records, fields, messages
        case customFields = "custom_fields"
        case agentRoleValues = "agent_role_values"
        case tagSeparator = "tag_separator"
        case valueMaps = "value_maps"
        case deriveID = "derive_id"
    }

    public init(records: String? = nil, fields: [TicketField: String], messages: Messages? = nil,
                customFields: [String: String]? = nil, agentRoleValues: [String]? = nil,
                tagSeparator: String? = nil, valueMaps: [String: [String: String]]? = nil, deriveID: [String]? = nil) {
        self.records = records
        self.fields = fields
        self.messages = messages
        self.customFields = customFields
        self.agentRoleValues = agentRoleValues
        self.tagSeparator = tagSeparator
        self.valueMaps = valueMaps
        self.deriveID = deriveID
    }

    /// The mapped value of `field` through `value_maps` (case-insensitive), or the value itself.
    public func mapValue(_ value: String, field: String) -> String {
        guard let map = valueMaps?[field] else { return value }
        if let exact = map[value] { return exact }
        let lower = value.lowercased()
        return map.first { $0.key.lowercased() == lower }?.value ?? value
    }

    /// Whether a `public` value means customer-visible: `true`/`yes`/`1`/`public`/`external` → public,
    /// `false`/`no`/`0`/`internal`/`private`/`note`/`hidden` → internal; anything else `nil` (not understood).
    public static func publicFlag(_ value: String) -> Bool? {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "y", "1", "public", "external", "visible", "customer": true
        case "false", "no", "n", "0", "internal", "private", "note", "hidden", "staff": false
        default: nil
        }
    }

    /// Whether a path is a template joining fields (`{first} {last}`).
    public static func isTemplate(_ path: String) -> Bool {
        path.contains("{") && path.contains("}")
    }

    /// The paths a template names (`{first} {last}` → `first`, `last`); a plain path names itself.
    public static func paths(in spec: String) -> [String] {
        guard isTemplate(spec) else { return [spec] }
        var result: [String] = []
        var rest = Substring(spec)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result.append(String(rest[rest.index(after: open)..<close]).trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    /// Reads a mapping file; errors name the file and what is wrong.
    public static func load(from url: URL) throws -> FieldMapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ImportError.unreadable(file: url.path, reason: "cannot read the mapping file: \(error.localizedDescription)")
        }
        do {
            let mapping = try YAMLDecoder().decode(FieldMapping.self, from: text)
            guard mapping.fields[.externalID] != nil || !(mapping.deriveID ?? []).isEmpty else {
                throw ImportError.badMapping(file: url.path, reason: "`fields.external_id` is required: name the field that identifies a ticket (or list the fields that together do under `derive_id`)")
            }
            return mapping
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError.badMapping(file: url.path, reason: "\(error)")
        }
    }

    /// Whether the role value names the agent side.
    public func isAgentRole(_ value: String) -> Bool {
        let agents = agentRoleValues ?? ["agent", "staff", "admin", "support", "operator", "end-agent"]
        return agents.contains { $0.caseInsensitiveCompare(value) == .orderedSame }
    }
}
