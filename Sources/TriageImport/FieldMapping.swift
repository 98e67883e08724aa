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

    enum CodingKeys: String, CodingKey {
        case records, fields, messages
        case customFields = "custom_fields"
        case agentRoleValues = "agent_role_values"
        case tagSeparator = "tag_separator"
    }

    public init(records: String? = nil, fields: [TicketField: String], messages: Messages? = nil,
                customFields: [String: String]? = nil, agentRoleValues: [String]? = nil,
                tagSeparator: String? = nil) {
        self.records = records
        self.fields = fields
        self.messages = messages
        self.customFields = customFields
        self.agentRoleValues = agentRoleValues
        self.tagSeparator = tagSeparator
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
            guard mapping.fields[.externalID] != nil else {
                throw ImportError.badMapping(file: url.path, reason: "`fields.external_id` is required: name the field that identifies a ticket")
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
