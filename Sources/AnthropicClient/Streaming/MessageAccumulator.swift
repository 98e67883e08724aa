import Foundation

/// Builds the final `Message` from stream events, and hands out text as it arrives.
///
/// ```swift
/// var accumulator = MessageAccumulator()
/// for try await event in stream {
///     if let text = try accumulator.apply(event) { print(text, terminator: "") }
/// }
/// let message = try accumulator.finalMessage()
/// ```
public struct MessageAccumulator: Sendable {
    public private(set) var message: Message?
    public private(set) var isComplete = false
    private var partialJSON: [Int: String] = [:]

    public init() {}

    /// Applies one event; returns the text it added, if any. Throws on an `error` event or an
    /// event that does not fit what came before.
    @discardableResult
    public mutating func apply(_ event: StreamEvent) throws -> String? {
        switch event {
        case let .messageStart(start):
            message = start
        case let .contentBlockStart(index, block):
            var current = try started("content_block_start")
            guard index == current.content.count else { throw Self.outOfOrder("content_block_start", index) }
            current.content.append(block)
            message = current
        case let .contentBlockDelta(index, delta):
            return try applyDelta(delta, at: index)
        case let .contentBlockStop(index):
            try finishBlock(at: index)
        case let .messageDelta(stopReason, stopSequence, usage):
            var current = try started("message_delta")
            current.stopReason = stopReason ?? current.stopReason
            current.stopSequence = stopSequence ?? current.stopSequence
            if let usage {
                current.usage.inputTokens = usage.inputTokens ?? current.usage.inputTokens
                current.usage.outputTokens = usage.outputTokens ?? current.usage.outputTokens
                current.usage.cacheCreationInputTokens = usage.cacheCreationInputTokens ?? current.usage.cacheCreationInputTokens
                current.usage.cacheReadInputTokens = usage.cacheReadInputTokens ?? current.usage.cacheReadInputTokens
            }
            message = current
        case .messageStop:
            _ = try started("message_stop")
            isComplete = true
        case let .error(body):
            throw AnthropicError.api(APIError(status: 200, body: body, requestID: nil, midStream: true))
        case .ping, .unknown:
            break
        }
        return nil
    }

    /// The message once `message_stop` has arrived.
    public func finalMessage() throws -> Message {
        guard isComplete, let message else {
            throw AnthropicError.invalidResponse("the stream ended before `message_stop` (truncated)", requestID: nil)
        }
        return message
    }

    private func started(_ event: String) throws -> Message {
        guard let message else {
            throw AnthropicError.invalidResponse("`\(event)` before `message_start`", requestID: nil)
        }
        return message
    }

    private static func outOfOrder(_ event: String, _ index: Int) -> AnthropicError {
        .invalidResponse("`\(event)` for content block \(index) does not follow the blocks so far", requestID: nil)
    }

    private mutating func applyDelta(_ delta: ContentDelta, at index: Int) throws -> String? {
        var current = try started("content_block_delta")
        guard current.content.indices.contains(index) else { throw Self.outOfOrder("content_block_delta", index) }
        var emitted: String?
        switch (current.content[index], delta) {
        case (.text(var block), .text(let text)):
            block.text += text
            current.content[index] = .text(block)
            emitted = text
        case (.text(var block), .citation(let citation)):
            block.citations = (block.citations ?? []) + [citation]
            current.content[index] = .text(block)
        case (.thinking(let thinking, let signature), .thinking(let more)):
            current.content[index] = .thinking(thinking: thinking + more, signature: signature)
        case (.thinking(let thinking, let signature), .signature(let more)):
            current.content[index] = .thinking(thinking: thinking, signature: signature + more)
        case (.toolUse, .inputJSON(let json)):
            partialJSON[index, default: ""] += json
        case (.unknown, _), (_, .unknown):
            break
        default:
            throw AnthropicError.invalidResponse("delta \(delta) does not fit content block \(index) (\(current.content[index].type))", requestID: nil)
        }
        message = current
        return emitted
    }

    private mutating func finishBlock(at index: Int) throws {
        var current = try started("content_block_stop")
        guard current.content.indices.contains(index) else { throw Self.outOfOrder("content_block_stop", index) }
        if let json = partialJSON.removeValue(forKey: index), case var .toolUse(block) = current.content[index] {
            if json.isEmpty {
                block.input = .object([:])
            } else if let input = JSONValue.parse(Data(json.utf8)) {
                block.input = input
            } else {
                throw AnthropicError.invalidResponse("tool input for block \(index) is not valid JSON", requestID: nil)
            }
            current.content[index] = .toolUse(block)
        }
        message = current
    }
}
