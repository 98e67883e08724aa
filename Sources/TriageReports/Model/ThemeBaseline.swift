import Foundation

/// The earlier tickets a day's themes were compared with: the trailing window before the day.
public struct ThemeBaseline: Codable, Sendable, Hashable {
    /// Length of the window, in days, ending where the digest's day starts.
    public var days: Int
    /// Tickets created in the window (all of them, even when only a sample was read).
    public var tickets: Int

    public init(days: Int, tickets: Int) {
        self.days = days
        self.tickets = tickets
    }
}
