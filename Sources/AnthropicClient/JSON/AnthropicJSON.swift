import Foundation

/// The encoder and decoder every request and response goes through.
///
/// Keys are sorted so that the same prompt always serializes to the same bytes: the cached prefix
/// of a prompt must be byte-stable for prompt caching to hit.
public enum AnthropicJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// Encodes `value` with sorted keys.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }
}
