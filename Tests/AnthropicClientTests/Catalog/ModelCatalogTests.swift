import AnthropicClient
import Testing

@Suite("ModelCatalog")
struct ModelCatalogTests {
    let catalog = ModelCatalog.standard

    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-12
    }

    @Test("Haiku 5.5 at ≤ 100K tokens: 0.10 in, 0.50 out, 0.125 5m write, 0.20 1h write, 0.01 read per MTok")
    func haiku55Standard() {
        let usage = Usage(inputTokens: 2000, outputTokens: 300, cacheCreationInputTokens: 1000, cacheReadInputTokens: 4000)
        // 2000×0.10 + 300×0.50 + 1000×0.125 + 4000×0.01 = 200 + 150 + 125 + 40 = 515 µ$
        #expect(Self.close(catalog.cost(model: "claude-haiku-5-5", usage: usage), 0.000515))
        #expect(Self.close(catalog.cost(model: "claude-haiku-5-5", usage: usage, isBatch: true), 0.0002575))

        let oneHour = Usage(inputTokens: 10, outputTokens: 0, cacheCreationInputTokens: 3000,
                            cacheCreation: CacheCreation(ephemeral5mInputTokens: 2000, ephemeral1hInputTokens: 1000))
        // 10×0.10 + 2000×0.125 + 1000×0.20 = 1 + 250 + 200 = 451 µ$
        #expect(Self.close(catalog.cost(model: "claude-haiku-5-5", usage: oneHour), 0.000451))
    }

    @Test("Haiku 5.5 above 100K total input tokens: the long-prompt tier prices the whole call")
    func haiku55LongPrompt() {
        let usage = Usage(inputTokens: 90_000, outputTokens: 1000, cacheReadInputTokens: 20_000)
        // total 110 000 > 100 000: 90 000×0.50 + 1000×2.50 + 20 000×0.05 = 45 000 + 2500 + 1000 = 48 500 µ$
        #expect(Self.close(catalog.cost(model: "claude-haiku-5-5", usage: usage), 0.0485))
        #expect(Self.close(catalog.cost(model: "claude-haiku-5-5", usage: usage, isBatch: true), 0.02425))
        let atThreshold = Usage(inputTokens: 100_000, outputTokens: 0)
        #expect(Self.close(catalog.cost(model: "claude-haiku-5-5", usage: atThreshold), 0.01))
    }

    @Test("Haiku 4.5 (and its dated alias): 1 in, 5 out, 1.25 write, 0.10 read per MTok")
    func haiku45() {
        let usage = Usage(inputTokens: 1000, outputTokens: 200, cacheCreationInputTokens: 5000, cacheReadInputTokens: 10_000)
        // 1000×1 + 200×5 + 5000×1.25 + 10 000×0.10 = 1000 + 1000 + 6250 + 1000 = 9250 µ$
        #expect(Self.close(catalog.cost(model: "claude-haiku-4-5", usage: usage), 0.00925))
        #expect(Self.close(catalog.cost(model: "claude-haiku-4-5-20251001", usage: usage), 0.00925))
        #expect(Self.close(catalog.cost(model: "claude-haiku-4-5", usage: usage, isBatch: true), 0.004625))
    }

    @Test("an unknown model has no cost rather than a wrong one; the gateway spelling is unknown")
    func unknownModel() {
        let usage = Usage(inputTokens: 1000, outputTokens: 1000)
        #expect(catalog.cost(model: "claude-haiku-4.5", usage: usage) == nil)
        #expect(catalog.spec(for: "gpt-oops") == nil)
        #expect(catalog.spec(for: ModelCatalog.defaultModelID)?.minimumCacheableTokens == 512)
    }

    @Test("model rules: sampling per version and model, thinking form and budget, forced tools with thinking")
    func modelRules() throws {
        let haiku55 = try #require(catalog.spec(for: "claude-haiku-5-5"))
        let haiku45 = try #require(catalog.spec(for: "claude-haiku-4-5"))
        var request = MessageRequest(model: "claude-haiku-5-5", maxTokens: 2000, messages: [.user("hi")])
        #expect(haiku55.problems(with: request, apiVersion: "2026-10-21").isEmpty)
        request.temperature = 0
        #expect(!haiku55.problems(with: request, apiVersion: "2023-06-01").isEmpty)
        #expect(!haiku45.problems(with: request, apiVersion: "2026-10-21").isEmpty)
        #expect(haiku45.problems(with: request, apiVersion: "2023-06-01").isEmpty)
        request.topP = 0.9
        #expect(!haiku45.problems(with: request, apiVersion: "2023-06-01").isEmpty)
        request = MessageRequest(model: "claude-haiku-4-5", maxTokens: 2000, messages: [.user("hi")], thinking: .enabled(budgetTokens: 1024))
        #expect(haiku45.problems(with: request, apiVersion: "2026-10-21").isEmpty)
        #expect(!haiku55.problems(with: request, apiVersion: "2026-10-21").isEmpty)
        request.thinking = .enabled(budgetTokens: 2000)
        #expect(!haiku45.problems(with: request, apiVersion: "2026-10-21").isEmpty)
        request.thinking = .adaptive
        request.toolChoice = .tool(name: "classify")
        #expect(!haiku55.problems(with: request, apiVersion: "2026-10-21").isEmpty)
    }
}
