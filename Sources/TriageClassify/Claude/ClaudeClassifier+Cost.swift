import AnthropicClient

extension ClaudeClassifier {
    /// Bytes per token assumed when estimating a prompt: conservative for both tokenizers (Haiku 5.5 counts ~30%
    /// more tokens than Haiku 4.5 for the same text).
    static let bytesPerToken = 3.0

    /// Estimated prompt tokens for `ticket`: the static prefix (system prompt and schema) and the per-ticket rest.
    public func estimatedPromptTokens(of ticket: TicketText) -> (prefix: Int, ticket: Int) {
        let schemaBytes = ((try? AnthropicJSON.encode(schema))?.count ?? 0)
        let prefix = Double(systemPrompt.utf8.count + schemaBytes) / Self.bytesPerToken
        // The user template adds a few hundred bytes around the ticket.
        let rest = Double(ticket.subject.utf8.count + ticket.body.utf8.count + (ticket.channel?.utf8.count ?? 0) + 300) / Self.bytesPerToken
        return (Int(prefix.rounded(.up)), Int(rest.rounded(.up)))
    }

    /// The most classifying `ticket` can cost: two calls (an invalid answer is retried once), each with the prefix
    /// at the dearer of the input and cache-write prices, the ticket at the input price and `max_tokens` of output.
    /// `nil` for a model the catalog does not know.
    public func maximumCost(of ticket: TicketText) -> Double? {
        guard let spec = catalog.spec(for: model) else { return nil }
        let tokens = estimatedPromptTokens(of: ticket)
        var prices = spec.pricing
        if let tier = spec.longPromptTier, tokens.prefix + tokens.ticket > tier.threshold { prices = tier.pricing }
        let perCall = Double(tokens.prefix) * max(prices.input, prices.cacheWrite5m)
            + Double(tokens.ticket) * prices.input + Double(settings.maxTokens) * prices.output
        return 2 * perCall / 1_000_000
    }
}
