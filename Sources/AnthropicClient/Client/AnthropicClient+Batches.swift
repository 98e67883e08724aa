import Foundation
import TriageNetwork

extension AnthropicClient {
    /// `POST /v1/messages/batches`. Store the returned `id`: a batch outlives the process and can be
    /// resumed with `batch(id:)` / `waitForBatch(id:)` / `batchResults(id:)`.
    ///
    /// Answered errors (429, 5xx) are retried as usual, but a network failure after the request may have reached
    /// the API is thrown, not retried: the batch may exist, and a retry would create and bill a second one. Find
    /// it with `listBatches`.
    public func createBatch(_ requests: [BatchRequest]) async throws -> MessageBatch {
        guard !requests.isEmpty, requests.count <= 100_000 else {
            throw AnthropicError.invalidRequest("a batch holds 1…100000 requests, not \(requests.count)")
        }
        var seen = Set<String>()
        for request in requests {
            try request.validate()
            guard seen.insert(request.customID).inserted else {
                throw AnthropicError.invalidRequest("custom_id `\(request.customID)` appears twice in the batch")
            }
        }
        struct Body: Encodable { var requests: [BatchRequest] }
        let body = try AnthropicJSON.encode(Body(requests: requests))
        let (response, data) = try await exchange("POST", "v1/messages/batches", body: body, outputTokens: 0,
                                                  retryAfterPossibleDelivery: false)
        return try decode(data, requestID: response.headers["request-id"])
    }

    /// `GET /v1/messages/batches/{id}`.
    public func batch(id: String) async throws -> MessageBatch {
        let (response, data) = try await exchange("GET", "v1/messages/batches/\(try Self.pathComponent(id))", body: nil, outputTokens: 0)
        return try decode(data, requestID: response.headers["request-id"])
    }

    /// `GET /v1/messages/batches`: one page of the workspace's batches, most recently created first. Pass the
    /// page's `lastID` as `afterID` for the next (older) page, its `firstID` as `beforeID` for the previous one.
    public func listBatches(limit: Int = 20, afterID: String? = nil, beforeID: String? = nil) async throws -> MessageBatchPage {
        guard (1...1000).contains(limit) else {
            throw AnthropicError.invalidRequest("listBatches(limit:) takes 1…1000, not \(limit)")
        }
        var query = [URLQueryItem(name: "limit", value: "\(limit)")]
        if let afterID { query.append(URLQueryItem(name: "after_id", value: try Self.pathComponent(afterID))) }
        if let beforeID { query.append(URLQueryItem(name: "before_id", value: try Self.pathComponent(beforeID))) }
        let (response, data) = try await exchange("GET", "v1/messages/batches", query: query, body: nil, outputTokens: 0)
        return try decode(data, requestID: response.headers["request-id"])
    }

    /// `POST /v1/messages/batches/{id}/cancel`; the batch moves to `canceling`, then `ended`.
    public func cancelBatch(id: String) async throws -> MessageBatch {
        let (response, data) = try await exchange("POST", "v1/messages/batches/\(try Self.pathComponent(id))/cancel", body: nil, outputTokens: 0)
        return try decode(data, requestID: response.headers["request-id"])
    }

    /// Polls until the batch has ended, waiting `initialInterval`, then ×1.5 per poll up to `maxInterval`.
    public func waitForBatch(id: String, initialInterval: Duration = .seconds(5),
                             maxInterval: Duration = .seconds(60)) async throws -> MessageBatch {
        var interval = initialInterval
        while true {
            let current = try await batch(id: id)
            if current.processingStatus == .ended { return current }
            try await clock.sleep(interval)
            interval = min(interval * 1.5, maxInterval)
        }
    }

    /// Streams `GET /v1/messages/batches/{id}/results` (JSONL, any order) one result at a time.
    public func batchResults(id: String) async throws -> AsyncThrowingStream<BatchResult, any Error> {
        let path = "v1/messages/batches/\(try Self.pathComponent(id))/results"
        let (response, _) = try await send("GET", path, body: nil, outputTokens: 0, streaming: true)
        let requestID = response.headers["request-id"]
        let body = response.body
        return AsyncThrowingStream { continuation in
            let task = Task {
                var splitter = LineSplitter()
                do {
                    for try await chunk in body {
                        for line in splitter.feed(chunk) {
                            continuation.yield(try Self.decodeResult(line, requestID: requestID))
                        }
                    }
                    if let last = splitter.finish() {
                        continuation.yield(try Self.decodeResult(last, requestID: requestID))
                    }
                    continuation.finish()
                } catch let error as NetworkError {
                    continuation.finish(throwing: AnthropicError.network(error, attempts: 1))
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func decodeResult(_ line: Data, requestID: String?) throws -> BatchResult {
        do {
            return try AnthropicJSON.decoder().decode(BatchResult.self, from: line)
        } catch {
            throw AnthropicError.invalidResponse("batch result line is not a result: \(describe(error))", requestID: requestID)
        }
    }
}

/// Splits bytes into non-empty lines (`\n`, optional `\r`), whatever the chunking.
struct LineSplitter {
    private var buffer = Data()

    mutating func feed(_ chunk: Data) -> [Data] {
        buffer.append(chunk)
        var lines: [Data] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer[buffer.startIndex..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if !line.isEmpty { lines.append(Data(line)) }
            buffer.removeSubrange(buffer.startIndex...newline)
        }
        return lines
    }

    mutating func finish() -> Data? {
        defer { buffer.removeAll() }
        let rest = buffer.filter { $0 != UInt8(ascii: "\r") }
        return rest.isEmpty ? nil : Data(rest)
    }
}
