import Foundation

/// Enough of a ticket to name it in a digest. Subjects come from customers: renderers escape them.
public struct TicketReference: Codable, Sendable, Hashable {
    /// The id people look the ticket up by (`triage show ID`).
    public var id: String
    public var subject: String
    public var department: String?

    public init(id: String, subject: String, department: String? = nil) {
        self.id = id
        self.subject = subject
        self.department = department
    }
}
