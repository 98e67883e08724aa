/// The body of `POST /v1/messages` (`CreateMessageParams`).
///
/// Encode with `AnthropicJSON` (sorted keys) so the cached prefix is byte-stable. Sampling parameters
/// are rejected by current models and by API version 2026-10-21; `ModelSpec` says which apply.
public struct MessageRequest: Sendable, Hashable, Codable {
    public var model: String
    public var maxTokens: Int
    public var messages: [InputMessage]
    public var system: SystemPrompt?
    public var stream: Bool?
    public var stopSequences: [String]?
    public var metadata: RequestMetadata?
    public var tools: [Tool]?
    public var toolChoice: ToolChoice?
    public var thinking: ThinkingConfig?
    public var outputConfig: OutputConfig?
    public var temperature: Double?
    public var topP: Double?
    public var topK: Int?

    public init(model: String, maxTokens: Int, messages: [InputMessage], system: SystemPrompt? = nil,
                stream: Bool? = nil, stopSequences: [String]? = nil, metadata: RequestMetadata? = nil,
                tools: [Tool]? = nil, toolChoice: ToolChoice? = nil, thinking: ThinkingConfig? = nil,
                outputConfig: OutputConfig? = nil, temperature: Double? = nil, topP: Double? = nil, topK: Int? = nil) {
        self.model = model
        self.maxTokens = maxTokens
        self.messages = messages
        self.system = system
        self.stream = stream
        self.stopSequences = stopSequences
        self.metadata = metadata
        self.tools = tools
        self.toolChoice = toolChoice
        self.thinking = thinking
        self.outputConfig = outputConfig
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
    }

    private enum CodingKeys: String, CodingKey {
        case model, messages, system, stream, metadata, tools, thinking, temperature
        case maxTokens = "max_tokens"
        case stopSequences = "stop_sequences"
        case toolChoice = "tool_choice"
        case outputConfig = "output_config"
        case topP = "top_p"
        case topK = "top_k"
    }
}

/// The body of `POST /v1/messages/count_tokens`: the parts of a request that count as input.
struct CountTokensRequest: Encodable {
    var model: String
    var messages: [InputMessage]
    var system: SystemPrompt?
    var tools: [Tool]?
    var toolChoice: ToolChoice?
    var thinking: ThinkingConfig?
    var outputConfig: OutputConfig?

    init(_ request: MessageRequest) {
        model = request.model
        messages = request.messages
        system = request.system
        tools = request.tools
        toolChoice = request.toolChoice
        thinking = request.thinking
        outputConfig = request.outputConfig
    }

    private enum CodingKeys: String, CodingKey {
        case model, messages, system, tools, thinking
        case toolChoice = "tool_choice"
        case outputConfig = "output_config"
    }
}
