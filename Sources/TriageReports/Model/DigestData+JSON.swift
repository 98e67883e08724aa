import Foundation

extension DigestData {
    /// The `--format json` output: snake_case keys, sorted, ISO 8601 dates, pretty-printed, ending in a newline.
    public func encodeJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        } catch {
            throw ReportsError.encodingFailed(reason: "\(error)")
        }
    }

    /// Reads a digest written by ``encodeJSON()``.
    /// - Throws: ``ReportsError/unsupportedSchemaVersion(found:supported:)`` for another schema version,
    ///   or the decoder's error for malformed JSON.
    public static func decodeJSON(_ data: Data) throws -> DigestData {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom(camelCaseKey)
        decoder.dateDecodingStrategy = .iso8601
        struct Version: Decodable { var schemaVersion: Int }
        let version = try decoder.decode(Version.self, from: data).schemaVersion
        guard version == currentSchemaVersion else {
            throw ReportsError.unsupportedSchemaVersion(found: version, supported: currentSchemaVersion)
        }
        return try decoder.decode(DigestData.self, from: data)
    }

    /// `rule_id` → `ruleID`, `cost_usd` → `costUSD`: the inverse of `.convertToSnakeCase` for this schema's
    /// acronyms, which `.convertFromSnakeCase` would turn into `ruleId` and `costUsd`.
    private static func camelCaseKey(_ path: [any CodingKey]) -> any CodingKey {
        let key = path.last?.stringValue ?? ""
        let words = key.split(separator: "_")
        guard let head = words.first else { return JSONKey(key) }
        let tail = words.dropFirst().map { word -> String in
            switch word {
            case "id", "usd", "url": word.uppercased()
            default: word.prefix(1).uppercased() + word.dropFirst()
            }
        }
        return JSONKey(String(head) + tail.joined())
    }
}

/// A coding key made from a string.
private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
