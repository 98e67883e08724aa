extension ModelSpec {
    /// Why the API would reject `request` for this model under `apiVersion` (empty when it would not).
    ///
    /// Covers the model-dependent rules of CLAUDE-API.md: sampling parameters, thinking form and
    /// budget, `max_tokens` limit, forced tool use with thinking. The fake server answers 400 with
    /// these messages; the client can check before spending a request.
    public func problems(with request: MessageRequest, apiVersion: String) -> [String] {
        var problems: [String] = []
        let sampling = [("temperature", request.temperature != nil), ("top_p", request.topP != nil), ("top_k", request.topK != nil)]
            .filter(\.1).map(\.0)
        if !sampling.isEmpty {
            if apiVersion != AnthropicConfiguration.legacyAPIVersion {
                problems.append("\(sampling.joined(separator: ", ")): not supported with anthropic-version \(apiVersion)")
            } else if sampling_ == .none {
                problems.append("\(sampling.joined(separator: ", ")): not supported by \(id)")
            } else if request.temperature != nil && request.topP != nil {
                problems.append("temperature and top_p cannot both be specified for \(id)")
            }
        }
        if request.maxTokens < 1 || request.maxTokens > maxOutputTokens {
            problems.append("max_tokens: \(request.maxTokens) is outside 1…\(maxOutputTokens) for \(id)")
        }
        switch (request.thinking, thinking) {
        case (.enabled?, .adaptive):
            problems.append("thinking.type: `enabled` is not supported by \(id); use `adaptive`")
        case (.adaptive?, .budget):
            problems.append("thinking.type: `adaptive` is not supported by \(id); use `enabled` with budget_tokens")
        case let (.enabled(budget)?, .budget(minimum)):
            if budget < minimum || budget >= request.maxTokens {
                problems.append("thinking.budget_tokens: \(budget) must be ≥ \(minimum) and < max_tokens (\(request.maxTokens))")
            }
        default:
            break
        }
        if let thinking = request.thinking, thinking != .disabled {
            switch request.toolChoice {
            case .any?, .tool?:
                problems.append("tool_choice: forced tool use is not allowed with thinking (only auto or none)")
            default:
                break
            }
        }
        return problems
    }

    private var sampling_: Sampling { sampling }
}
