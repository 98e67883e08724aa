import AnthropicClient

/// `AnthropicClient.JSONValue`, named apart from FlyingFox's own `JSONValue`.
public typealias APIJSON = JSONValue
