/// One turn of the conversation sent to the API. Content is always encoded as an array of blocks.
public struct InputMessage: Sendable, Hashable, Codable {
    public var role: Role
    public var content: [ContentBlock]

    public init(role: Role, content: [ContentBlock]) {
        self.role = role
        self.content = content
    }

    /// A user turn with one text block.
    public static func user(_ text: String) -> InputMessage { InputMessage(role: .user, content: [.text(text)]) }

    /// An assistant turn with one text block (a prefill).
    public static func assistant(_ text: String) -> InputMessage { InputMessage(role: .assistant, content: [.text(text)]) }

    private enum CodingKeys: String, CodingKey { case role, content }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        if let text = try? container.decode(String.self, forKey: .content) {
            content = [.text(text)]
        } else {
            content = try container.decode([ContentBlock].self, forKey: .content)
        }
    }
}

/// `user` or `assistant` (or a role the API adds later).
public enum Role: OpenStringEnum {
    case user, assistant
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue {
        case "user": self = .user
        case "assistant": self = .assistant
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .user: "user"
        case .assistant: "assistant"
        case let .unknown(raw): raw
        }
    }
}
