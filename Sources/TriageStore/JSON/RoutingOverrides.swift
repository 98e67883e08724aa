import Foundation
import TriageModel

/// The net changes routing made to one ticket version: the `tickets.routing_overrides` column, written by
/// ``TicketStore/recordRouting(_:at:)`` and read back for the routed view, the listing's department and the
/// digest's human-review reasons. This type owns the column's JSON: keys `added_tags`, `department`,
/// `needs_human_reason`, `priority`, `removed_tags`, sorted, absent values left out.
public struct RoutingOverrides: Sendable, Hashable, Codable {
    public var department: String?
    public var priority: Priority?
    public var addedTags: [String]
    public var removedTags: [String]
    public var needsHumanReason: String?

    public init(department: String? = nil, priority: Priority? = nil, addedTags: [String] = [], removedTags: [String] = [],
                needsHumanReason: String? = nil) {
        self.department = department
        self.priority = priority
        self.addedTags = addedTags
        self.removedTags = removedTags
        self.needsHumanReason = needsHumanReason
    }

    enum CodingKeys: String, CodingKey {
        case department, priority, addedTags = "added_tags", removedTags = "removed_tags"
        case needsHumanReason = "needs_human_reason"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        department = try c.decodeIfPresent(String.self, forKey: .department)
        priority = try c.decodeIfPresent(Priority.self, forKey: .priority)
        addedTags = try c.decodeIfPresent([String].self, forKey: .addedTags) ?? []
        removedTags = try c.decodeIfPresent([String].self, forKey: .removedTags) ?? []
        needsHumanReason = try c.decodeIfPresent(String.self, forKey: .needsHumanReason)
    }

    /// Whether the overrides change nothing (then the column is left `NULL`).
    public var isEmpty: Bool {
        department == nil && priority == nil && addedTags.isEmpty && removedTags.isEmpty && needsHumanReason == nil
    }

    /// The column's text: what `JSONEncoder` with sorted keys writes, hand-rolled (written for every routed ticket).
    var json: String {
        var out = JSONWriter()
        out.raw("{\"added_tags\":")
        out.array(addedTags)
        out.field("department", department)
        out.field("needs_human_reason", needsHumanReason)
        out.field("priority", priority?.rawValue)
        out.raw(",\"removed_tags\":")
        out.array(removedTags)
        out.raw("}")
        return out.text
    }

    /// Reads the column; `nil` for `NULL` or text that is not this shape.
    static func decode(_ json: String?) -> RoutingOverrides? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(RoutingOverrides.self, from: Data(json.utf8))
    }
}
