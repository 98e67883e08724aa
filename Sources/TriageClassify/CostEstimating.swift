/// A classifier that can say, before calling, the most a ticket could cost (prompt estimate plus `max_tokens`),
/// so a run's spend budget stops before it would be exceeded rather than after.
public protocol CostEstimating: Sendable {
    /// The worst-case cost in USD of classifying `ticket`; `nil` when the price is unknown.
    func maximumCost(of ticket: TicketText) -> Double?
}
