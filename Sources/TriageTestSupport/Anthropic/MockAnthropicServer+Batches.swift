import AnthropicClient
import FlyingFox
import Foundation

extension MockAnthropicServer {
    func createBatch(_ exchange: Exchange) async -> FlyingFox.HTTPResponse {
        struct Body: Decodable { var requests: [BatchRequest] }
        guard let raw = APIJSON.parse(exchange.body), let entries = raw["requests"]?.arrayValue else {
            return error(400, "invalid_request_error", "requests: Field required", exchange)
        }
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            guard let customID = entry["custom_id"]?.stringValue,
                  customID.range(of: "^[a-zA-Z0-9_-]{1,64}$", options: .regularExpression) != nil else {
                return error(400, "invalid_request_error", "requests.\(index).custom_id: must match ^[a-zA-Z0-9_-]{1,64}$", exchange)
            }
            guard seen.insert(customID).inserted else {
                return error(400, "invalid_request_error", "requests.\(index).custom_id: duplicate `\(customID)`", exchange)
            }
            if entry["params"]?["stream"] != nil {
                return error(400, "invalid_request_error", "requests.\(index).params.stream: not allowed in batches", exchange)
            }
        }
        guard let body = try? AnthropicJSON.decoder().decode(Body.self, from: exchange.body), !body.requests.isEmpty else {
            return error(400, "invalid_request_error", "requests: must be a non-empty list of {custom_id, params}", exchange)
        }
        let batch = await state.addBatch(requests: body.requests, processingTime: options.batchProcessingTime)
        return json(await view(of: batch), exchange)
    }

    /// `GET /v1/messages/batches`: newest first, `limit` 1…1000 (default 20), cursors `after_id` (the page of
    /// older batches right after that one) or `before_id` (the page of newer batches right before it).
    func listBatches(query: [String: String], _ exchange: Exchange) async -> FlyingFox.HTTPResponse {
        let limit: Int
        if let text = query["limit"] {
            guard let value = Int(text), (1...1000).contains(value) else {
                return error(400, "invalid_request_error", "limit: must be an integer from 1 to 1000", exchange)
            }
            limit = value
        } else {
            limit = 20
        }
        if query["after_id"] != nil && query["before_id"] != nil {
            return error(400, "invalid_request_error", "after_id and before_id cannot be used together", exchange)
        }
        let all = await state.batchesNewestFirst()
        let page: ArraySlice<MockBatch>
        let hasMore: Bool
        if let cursor = query["after_id"] {
            guard let index = all.firstIndex(where: { $0.id == cursor }) else {
                return error(400, "invalid_request_error", "after_id: no batch \(cursor)", exchange)
            }
            page = all[(index + 1)...].prefix(limit)
            hasMore = page.endIndex < all.endIndex
        } else if let cursor = query["before_id"] {
            guard let index = all.firstIndex(where: { $0.id == cursor }) else {
                return error(400, "invalid_request_error", "before_id: no batch \(cursor)", exchange)
            }
            page = all[..<index].suffix(limit)
            hasMore = page.startIndex > all.startIndex
        } else {
            page = all.prefix(limit)
            hasMore = page.endIndex < all.endIndex
        }
        var views: [MessageBatch] = []
        for batch in page { views.append(await view(of: batch)) }
        return json(MessageBatchPage(data: views, hasMore: hasMore, firstID: page.first?.id, lastID: page.last?.id), exchange)
    }

    func batch(id: String, _ exchange: Exchange) async -> FlyingFox.HTTPResponse {
        guard let batch = await state.batch(id: id) else { return error(404, "not_found_error", "batch \(id) not found", exchange) }
        return json(await view(of: batch), exchange)
    }

    func cancelBatch(id: String, _ exchange: Exchange) async -> FlyingFox.HTTPResponse {
        guard let batch = await state.cancelBatch(id: id) else { return error(404, "not_found_error", "batch \(id) not found", exchange) }
        return json(await view(of: batch), exchange)
    }

    func batchResults(id: String, _ exchange: Exchange) async -> FlyingFox.HTTPResponse {
        guard let batch = await state.batch(id: id) else { return error(404, "not_found_error", "batch \(id) not found", exchange) }
        guard batch.status(at: Date()) == .ended else {
            return error(400, "invalid_request_error", "batch \(id) is still processing; results are available once it has ended", exchange)
        }
        var lines = Data()
        // Results come in any order: the fake sends them reversed.
        for (customID, result) in await results(of: batch).reversed() {
            let line: APIJSON = .object(["custom_id": .string(customID), "result": result])
            lines.append((try? AnthropicJSON.encode(line)) ?? Data())
            lines.append(UInt8(ascii: "\n"))
        }
        var headers = exchange.headers
        headers[.contentType] = "application/binary"
        return FlyingFox.HTTPResponse(statusCode: .ok, headers: headers, body: lines)
    }

    /// Each entry's `result` object, in submission order.
    func results(of batch: MockBatch) async -> [(String, APIJSON)] {
        var results: [(String, APIJSON)] = []
        for entry in batch.requests {
            let result: APIJSON
            if batch.cancelInitiatedAt != nil {
                result = .object(["type": .string("canceled")])
            } else if let scripted = options.batchOutcome(entry.customID) {
                switch scripted {
                case let .errored(type, message):
                    result = Self.erroredResult(type: type, message: message)
                case .expired:
                    result = .object(["type": .string("expired")])
                }
            } else {
                let exchange = Exchange(requestID: "", apiVersion: AnthropicConfiguration.latestAPIVersion, headers: [:],
                                        body: (try? AnthropicJSON.encode(entry.params)) ?? Data())
                switch parseMessageRequest(exchange) {
                case let .success((request, spec)):
                    let message = await answer(request, spec: spec, useCache: false)
                    let encoded = (try? AnthropicJSON.encode(message)).flatMap(APIJSON.parse) ?? .null
                    result = .object(["type": .string("succeeded"), "message": encoded])
                case let .failure(rejection):
                    result = Self.erroredResult(type: rejection.type, message: rejection.message)
                }
            }
            results.append((entry.customID, result))
        }
        return results
    }

    private static func erroredResult(type: String, message: String) -> APIJSON {
        .object(["type": .string("errored"), "error": .object([
            "type": .string("error"), "error": .object(["type": .string(type), "message": .string(message)]),
        ])])
    }

    /// The batch object as `GET /v1/messages/batches/{id}` returns it.
    func view(of batch: MockBatch) async -> MessageBatch {
        let now = Date()
        let status = batch.status(at: now)
        var counts = MessageBatch.RequestCounts()
        if status == .ended {
            for (_, result) in await results(of: batch) {
                switch result["type"]?.stringValue {
                case "succeeded": counts.succeeded += 1
                case "errored": counts.errored += 1
                case "expired": counts.expired += 1
                default: counts.canceled += 1
                }
            }
        } else {
            counts.processing = batch.requests.count
        }
        let formatter = ISO8601DateFormatter()
        return MessageBatch(
            id: batch.id, processingStatus: status, requestCounts: counts, createdAt: formatter.string(from: batch.createdAt),
            endedAt: status == .ended ? formatter.string(from: min(now, batch.endsAt)) : nil,
            expiresAt: formatter.string(from: batch.createdAt.addingTimeInterval(86_400)),
            cancelInitiatedAt: batch.cancelInitiatedAt.map(formatter.string(from:)),
            resultsURL: status == .ended ? baseURL.appending(path: "v1/messages/batches/\(batch.id)/results").absoluteString : nil)
    }
}
