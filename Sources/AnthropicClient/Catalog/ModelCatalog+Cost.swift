extension ModelCatalog {
    /// The USD cost of one call from its `usage`, ready for `LLMCallRecord.costUSD`.
    ///
    /// Uncached input, output, cache writes (5-minute and 1-hour rates, split by
    /// `usage.cacheCreation`; all at the 5-minute rate when the split is absent) and cache reads are
    /// priced separately; the long-prompt tier applies to the whole call when total input exceeds
    /// its threshold; a batch call multiplies everything by `batchPriceFactor`. Returns `nil` for a
    /// model the catalog does not know: no figure rather than a wrong one.
    public func cost(model: String, usage: Usage, isBatch: Bool = false) -> Double? {
        guard let spec = spec(for: model) else { return nil }
        var prices = spec.pricing
        if let tier = spec.longPromptTier, usage.totalInputTokens > tier.threshold {
            prices = tier.pricing
        }
        let cacheWrites = usage.cacheCreationInputTokens ?? 0
        let oneHourWrites = min(usage.cacheCreation?.ephemeral1hInputTokens ?? 0, cacheWrites)
        let fiveMinuteWrites = cacheWrites - oneHourWrites
        let dollarsPerMillion = Double(usage.inputTokens) * prices.input
            + Double(usage.outputTokens) * prices.output
            + Double(fiveMinuteWrites) * prices.cacheWrite5m
            + Double(oneHourWrites) * prices.cacheWrite1h
            + Double(usage.cacheReadInputTokens ?? 0) * prices.cacheRead
        return dollarsPerMillion / 1_000_000 * (isBatch ? spec.batchPriceFactor : 1)
    }
}
