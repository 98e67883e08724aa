/// A Message Batch as `GET /v1/messages/batches/{id}` reports it.
public struct MessageBatch: Sendable, Hashable, Codable {
    public var id: String
    public var processingStatus: ProcessingStatus
    public var requestCounts: RequestCounts
    public var createdAt: String?
    public var endedAt: String?
    public var expiresAt: String?
    public var cancelInitiatedAt: String?
    /// Set once the batch has ended.
    public var resultsURL: String?

    public init(id: String, processingStatus: ProcessingStatus, requestCounts: RequestCounts, createdAt: String? = nil,
                endedAt: String? = nil, expiresAt: String? = nil, cancelInitiatedAt: String? = nil, resultsURL: String? = nil) {
        self.id = id
        self.processingStatus = processingStatus
        self.requestCounts = requestCounts
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.expiresAt = expiresAt
        self.cancelInitiatedAt = cancelInitiatedAt
        self.resultsURL = resultsURL
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case processingStatus = "processing_status"
        case requestCounts = "request_counts"
        case createdAt = "created_at"
        case endedAt = "ended_at"
        case expiresAt = "expires_at"
        case cancelInitiatedAt = "cancel_initiated_at"
        case resultsURL = "results_url"
    }

    /// `in_progress`, `canceling` or `ended`.
    public enum ProcessingStatus: OpenStringEnum {
        case inProgress, canceling, ended
        case unknown(String)

        public init(rawValue: String) {
            switch rawValue {
            case "in_progress": self = .inProgress
            case "canceling": self = .canceling
            case "ended": self = .ended
            default: self = .unknown(rawValue)
            }
        }

        public var rawValue: String {
            switch self {
            case .inProgress: "in_progress"
            case .canceling: "canceling"
            case .ended: "ended"
            case let .unknown(raw): raw
            }
        }
    }

    /// How many requests are in each state.
    public struct RequestCounts: Sendable, Hashable, Codable {
        public var processing: Int
        public var succeeded: Int
        public var errored: Int
        public var canceled: Int
        public var expired: Int

        public init(processing: Int = 0, succeeded: Int = 0, errored: Int = 0, canceled: Int = 0, expired: Int = 0) {
            self.processing = processing
            self.succeeded = succeeded
            self.errored = errored
            self.canceled = canceled
            self.expired = expired
        }
    }
}

/// One request of a batch: `custom_id` (`^[a-zA-Z0-9_-]{1,64}$`) and the Messages parameters (no `stream`).
public struct BatchRequest: Sendable, Hashable, Codable {
    public var customID: String
    public var params: MessageRequest

    public init(customID: String, params: MessageRequest) {
        self.customID = customID
        self.params = params
    }

    private enum CodingKeys: String, CodingKey {
        case customID = "custom_id"
        case params
    }

    /// Throws `AnthropicError.invalidRequest` when the API would reject this entry.
    func validate() throws {
        let allowed = customID.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...64).contains(customID.utf8.count) else {
            throw AnthropicError.invalidRequest("custom_id `\(customID)` must match ^[a-zA-Z0-9_-]{1,64}$")
        }
        guard params.stream != true else {
            throw AnthropicError.invalidRequest("batch request `\(customID)` sets stream, which batches do not allow")
        }
    }
}

/// One line of a batch's results.
public struct BatchResult: Sendable, Hashable, Decodable {
    public enum Outcome: Sendable, Hashable {
        case succeeded(Message)
        case errored(APIErrorBody)
        case canceled
        case expired
        case unknown(String)
    }

    public var customID: String
    public var outcome: Outcome

    private enum CodingKeys: String, CodingKey {
        case customID = "custom_id"
        case result
    }

    private enum ResultKeys: String, CodingKey { case type, message, error }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        customID = try container.decode(String.self, forKey: .customID)
        let result = try container.nestedContainer(keyedBy: ResultKeys.self, forKey: .result)
        switch try result.decode(String.self, forKey: .type) {
        case "succeeded": outcome = .succeeded(try result.decode(Message.self, forKey: .message))
        case "errored": outcome = .errored(try Self.decodeError(result))
        case "canceled": outcome = .canceled
        case "expired": outcome = .expired
        case let other: outcome = .unknown(other)
        }
    }

    /// `result.error` is either the error object or an envelope `{"type":"error","error":{…}}`.
    private static func decodeError(_ result: KeyedDecodingContainer<ResultKeys>) throws -> APIErrorBody {
        struct Envelope: Decodable { var error: APIErrorBody }
        if let envelope = try? result.decode(Envelope.self, forKey: .error) { return envelope.error }
        return try result.decode(APIErrorBody.self, forKey: .error)
    }
}
