import AnthropicClient
import TriageNetwork

/// A Claude failure that makes every further ticket pointless, so a run stops at the first one instead of
/// trying each pending ticket: the key is rejected (401) or lacks permission (403), the account cannot pay
/// (402, the monthly spend limit), or the API stayed unreachable through the client's retries.
public struct ClaudeRunStop: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// 401 / 403: the key or its permissions. Exit 78 (configuration).
        case credentials
        /// 402 or the enforced spend limit: the account. Exit 78 (configuration).
        case account
        /// No answer from the API after the retries (connection refused, resets, timeouts). Exit 69.
        case unreachable
    }

    public var kind: Kind
    /// What happened and what to check, with the request id when there is one; never the key.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The stop `error` calls for, or `nil` when only this ticket failed.
    public init?(_ error: any Error) {
        switch error as? AnthropicError {
        case let .api(apiError)?:
            let request = apiError.requestID.map { ", request-id \($0)" } ?? ""
            let answer = "HTTP \(apiError.status) \(apiError.type.rawValue)\(request): \(apiError.message)"
            if apiError.status == 401 || apiError.type == .authentication {
                self.init(kind: .credentials, message: "the Anthropic API rejected the API key (\(answer)) — check that ANTHROPIC_API_KEY holds a valid, active key (and ANTHROPIC_BASE_URL, if set, points at the API)")
            } else if apiError.status == 403 || apiError.type == .permission {
                self.init(kind: .credentials, message: "the API key may not do this (\(answer)) — check the key's workspace permissions and the model id in the `claude:` settings")
            } else if apiError.status == 402 || apiError.type == .billing {
                self.init(kind: .account, message: "the Anthropic account cannot pay for requests (\(answer)) — check the billing settings in the Console")
            } else if apiError.errorCode == "enforced_spend_limit_reached" {
                self.init(kind: .account, message: "the workspace's monthly spend limit is reached (\(answer)) — raise it in the Console or wait for the next month")
            } else {
                return nil
            }
        case let .network(networkError, attempts)?:
            guard networkError.isTransient else { return nil }
            self.init(kind: .unreachable, message: "the Anthropic API is unreachable after \(attempts) attempt(s): \(networkError)")
        default:
            return nil
        }
    }

    public var description: String { message }
}
