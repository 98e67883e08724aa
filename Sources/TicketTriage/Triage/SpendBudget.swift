/// The run's spend limit: each call reserves its worst-case cost first and settles the actual cost after, so the
/// total can never pass the limit even with many calls in flight.
public actor SpendBudget {
    public let limitUSD: Double?
    public private(set) var spentUSD: Double = 0
    private var reservedUSD: Double = 0

    public init(limitUSD: Double?) {
        self.limitUSD = limitUSD
    }

    /// Reserves `estimate`; `false` when it would not fit (the run should stop starting calls).
    public func reserve(_ estimate: Double) -> Bool {
        guard let limitUSD else {
            reservedUSD += estimate
            return true
        }
        guard spentUSD + reservedUSD + estimate <= limitUSD else { return false }
        reservedUSD += estimate
        return true
    }

    /// Replaces a reservation with what the call really cost.
    public func settle(reserved: Double, actual: Double) {
        reservedUSD = max(0, reservedUSD - reserved)
        spentUSD += actual
    }
}
