import AnthropicClient
import Foundation

/// Token estimates and prompt-cache bookkeeping of the fake: deterministic and roughly realistic.
///
/// A prompt is a list of blocks in cache order (tools → system → messages). A breakpoint's prefix
/// is cached when it reaches the model's minimum; a later request with the same prefix bytes reads it.
struct MockPromptCache {
    /// One block of the prompt as bytes in cache order, and whether a breakpoint ends on it.
    struct Block {
        var key: String
        var tokens: Int
        var cacheControl: CacheControl?
    }

    private var entries: Set<String> = []

    /// Rough token count: 4 bytes a token, ~30% more for the Haiku 5.5 tokenizer.
    static func estimateTokens(_ text: String, model: String) -> Int {
        let base = (text.utf8.count + 3) / 4
        return model.hasPrefix("claude-haiku-5") ? (base * 13 + 9) / 10 : base
    }

    static func blocks(of request: MessageRequest) -> [Block] {
        let encoder = AnthropicJSON.encoder()
        // Prefix keys matter only when some block is a breakpoint; skip encoding otherwise.
        let needsKeys = Self.hasBreakpoint(request)
        func block(_ value: some Encodable, _ text: String, _ cacheControl: CacheControl?) -> Block {
            let key = needsKeys ? (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? text : ""
            return Block(key: key, tokens: estimateTokens(text, model: request.model), cacheControl: cacheControl)
        }
        var blocks: [Block] = []
        for tool in request.tools ?? [] {
            let schema = (try? encoder.encode(tool.inputSchema)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            blocks.append(block(tool, tool.name + (tool.description ?? "") + schema, tool.cacheControl))
        }
        switch request.system {
        case let .text(text)?: blocks.append(block(text, text, nil))
        case let .blocks(texts)?: blocks += texts.map { block($0, $0.text, $0.cacheControl) }
        case nil: break
        }
        for message in request.messages {
            for content in message.content {
                switch content {
                case let .text(text): blocks.append(block(content, text.text, text.cacheControl))
                case let .toolResult(result): blocks.append(block(content, result.content, result.cacheControl))
                default: blocks.append(block(content, String(describing: content), nil))
                }
            }
        }
        if let format = request.outputConfig?.format {
            let schema = (try? encoder.encode(format.schema)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            blocks.append(Block(key: schema, tokens: estimateTokens(schema, model: request.model), cacheControl: nil))
        }
        return blocks
    }

    static func hasBreakpoint(_ request: MessageRequest) -> Bool {
        if request.tools?.contains(where: { $0.cacheControl != nil }) == true { return true }
        if case let .blocks(blocks)? = request.system, blocks.contains(where: { $0.cacheControl != nil }) { return true }
        return request.messages.contains { message in
            message.content.contains { block in
                switch block {
                case let .text(text): text.cacheControl != nil
                case let .toolResult(result): result.cacheControl != nil
                default: false
                }
            }
        }
    }

    /// The usage of `request`, reading and writing cache entries as the API would.
    mutating func usage(for request: MessageRequest, minimumCacheable: Int, outputTokens: Int) -> Usage {
        let blocks = Self.blocks(of: request)
        let total = max(1, blocks.reduce(0) { $0 + $1.tokens })
        var prefix = request.model
        var prefixTokens = 0
        guard Self.hasBreakpoint(request) else {
            return Usage(inputTokens: total, outputTokens: outputTokens, cacheCreationInputTokens: 0, cacheReadInputTokens: 0,
                         cacheCreation: CacheCreation(), serviceTier: "standard")
        }
        var read = 0
        var written = 0
        var oneHour = 0
        for block in blocks {
            prefix += "\u{1}" + block.key
            prefixTokens += block.tokens
            guard let cacheControl = block.cacheControl, prefixTokens >= minimumCacheable else { continue }
            if entries.contains(prefix) {
                read = prefixTokens
                written = 0
                oneHour = 0
            } else {
                entries.insert(prefix)
                written = prefixTokens - read
                oneHour = cacheControl.ttl == "1h" ? written : 0
            }
        }
        return Usage(inputTokens: total - read - written, outputTokens: outputTokens,
                     cacheCreationInputTokens: written, cacheReadInputTokens: read,
                     cacheCreation: CacheCreation(ephemeral5mInputTokens: written - oneHour, ephemeral1hInputTokens: oneHour),
                     serviceTier: "standard")
    }
}
