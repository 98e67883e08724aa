import AnthropicClient
import FlyingFox
import Foundation

extension MockAnthropicServer {
    /// Validates a Messages-shaped body; returns the decoded request and model row, or the 4xx to send.
    func parseMessageRequest(_ exchange: Exchange, allowedKeys: Set<String> = MockRequestValidator.allowedTopLevelKeys,
                             requiredKeys: [String] = MockRequestValidator.requiredKeys)
        -> Result<(MessageRequest, ModelSpec), MockRejection> {
        guard let raw = APIJSON.parse(exchange.body) else {
            return .failure(MockRejection(status: 400, type: "invalid_request_error", message: "body: invalid JSON"))
        }
        let problems = MockRequestValidator.shapeProblems(raw, allowed: allowedKeys, required: requiredKeys)
        guard problems.isEmpty else {
            return .failure(MockRejection(status: 400, type: "invalid_request_error", message: problems.joined(separator: "; ")))
        }
        let request: MessageRequest
        do {
            if raw["max_tokens"] != nil {
                request = try AnthropicJSON.decoder().decode(MessageRequest.self, from: exchange.body)
            } else {
                var object = raw.objectValue ?? [:]
                object["max_tokens"] = .int(1)
                request = try AnthropicJSON.decoder().decode(MessageRequest.self, from: AnthropicJSON.encode(APIJSON.object(object)))
            }
        } catch {
            return .failure(MockRejection(status: 400, type: "invalid_request_error", message: "body: \(error)"))
        }
        guard let spec = options.catalog.spec(for: request.model) else {
            return .failure(MockRejection(status: 404, type: "not_found_error", message: "model: \(request.model)"))
        }
        let modelProblems = spec.problems(with: request, apiVersion: exchange.apiVersion)
        guard modelProblems.isEmpty else {
            return .failure(MockRejection(status: 400, type: "invalid_request_error", message: modelProblems.joined(separator: "; ")))
        }
        return .success((request, spec))
    }

    func createMessage(_ exchange: Exchange, streamFault: MockFault?) async throws -> FlyingFox.HTTPResponse {
        let request: MessageRequest
        let spec: ModelSpec
        switch parseMessageRequest(exchange) {
        case let .success(parsed): (request, spec) = parsed
        case let .failure(rejection): return error(rejection.status, rejection.type, rejection.message, exchange)
        }
        let message = await answer(request, spec: spec)
        if request.stream == true {
            try await Task.sleep(for: options.timeToFirstToken)
            return stream(message, fault: streamFault, exchange)
        }
        try await Task.sleep(for: options.timeToFirstToken + options.timePerToken * message.usage.outputTokens)
        return json(message, exchange)
    }

    /// The message the fake answers: deterministic text, stop rules, usage with caching.
    func answer(_ request: MessageRequest, spec: ModelSpec, useCache: Bool = true) async -> Message {
        let reply = options.responder.reply(request)
        var text = reply.text
        var stopReason = reply.stopReason ?? .endTurn
        var stopSequence: String?
        if let hit = (request.stopSequences ?? []).compactMap({ sequence in text.range(of: sequence).map { (sequence, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            text = String(text[..<hit.1.lowerBound])
            stopReason = .stopSequence
            stopSequence = hit.0
        }
        while MockPromptCache.estimateTokens(text, model: request.model) > request.maxTokens {
            text = String(text.prefix(max(0, min(text.count - 1, request.maxTokens * 3))))
            stopReason = .maxTokens
        }
        let outputTokens = max(1, MockPromptCache.estimateTokens(text, model: request.model))
        var usage: Usage
        if useCache {
            usage = await state.usage(for: request, minimumCacheable: spec.minimumCacheableTokens, outputTokens: outputTokens)
        } else {
            var scratch = MockPromptCache()
            usage = scratch.usage(for: request, minimumCacheable: Int.max, outputTokens: outputTokens)
        }
        usage.outputTokens = outputTokens
        return Message(id: "msg_mock_" + Self.fingerprint(request), model: request.model, content: [.text(text)],
                       stopReason: stopReason, stopSequence: stopSequence, usage: usage)
    }

    /// A stable id from the request (ignoring `stream`), so tests can predict it.
    static func fingerprint(_ request: MessageRequest) -> String {
        var request = request
        request.stream = nil
        let data = (try? AnthropicJSON.encode(request)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    func countTokens(_ exchange: Exchange) -> FlyingFox.HTTPResponse {
        switch parseMessageRequest(exchange, allowedKeys: MockRequestValidator.countTokensKeys, requiredKeys: ["model", "messages"]) {
        case let .success((request, _)):
            let tokens = MockPromptCache.blocks(of: request).reduce(0) { $0 + $1.tokens }
            return json(APIJSON.object(["input_tokens": .int(max(1, tokens))]), exchange)
        case let .failure(rejection):
            return error(rejection.status, rejection.type, rejection.message, exchange)
        }
    }

    func model(id: String, _ exchange: Exchange) -> FlyingFox.HTTPResponse {
        guard let spec = options.catalog.spec(for: id) else {
            return error(404, "not_found_error", "model: \(id)", exchange)
        }
        return json(APIJSON.object([
            "type": .string("model"), "id": .string(spec.id), "display_name": .string(spec.id),
            "created_at": .string("2026-10-07T00:00:00Z"), "max_input_tokens": .int(spec.contextWindow),
            "max_tokens": .int(spec.maxOutputTokens),
        ]), exchange)
    }
}

/// A 4xx the fake sends instead of an answer.
struct MockRejection: Error, Sendable {
    var status: Int
    var type: String
    var message: String
}

extension Duration {
    static func * (lhs: Duration, rhs: Int) -> Duration {
        lhs * Double(rhs)
    }
}
