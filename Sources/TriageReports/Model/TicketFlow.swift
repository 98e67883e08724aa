import Foundation

/// Tickets solved during the day, and open when it ended.
public struct TicketFlow: Codable, Sendable, Hashable {
    public var solved: Int
    public var stillOpen: Int

    public init(solved: Int, stillOpen: Int) {
        self.solved = solved
        self.stillOpen = stillOpen
    }
}
