import AnthropicClient
import Foundation

/// Anthropic's OpenAPI description (shared/reference), read at test time, and a small validator for
/// the parts of JSON Schema it uses in request bodies: `$ref`, `anyOf`/`oneOf`/`allOf`, objects
/// (required, properties, additionalProperties:false), arrays, enums, `const` and scalar types.
struct OpenAPISchema {
    let schemas: [String: JSONValue]

    static func load() throws -> OpenAPISchema {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            root.deletingLastPathComponent().appending(path: "shared/reference/anthropic-openapi.json"),
            URL(fileURLWithPath: "/work/shared/reference/anthropic-openapi.json"),
        ]
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: " or ")])
        }
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        return OpenAPISchema(schemas: document["components"]?["schemas"]?.objectValue ?? [:])
    }

    /// Problems found validating `value` against the named component schema (empty: valid).
    func problems(_ value: JSONValue, against name: String) -> [String] {
        guard let schema = schemas[name] else { return ["no schema \(name)"] }
        return problems(value, schema, path: name, depth: 0)
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last else { return schema }
        return schemas[String(name)] ?? schema
    }

    private func problems(_ value: JSONValue, _ rawSchema: JSONValue, path: String, depth: Int) -> [String] {
        guard depth < 40 else { return [] }
        let schema = resolve(rawSchema)
        if let choices = schema["anyOf"]?.arrayValue ?? schema["oneOf"]?.arrayValue {
            let results = choices.map { problems(value, $0, path: path, depth: depth + 1) }
            return results.contains { $0.isEmpty } ? [] : ["\(path): matches none of \(choices.count) alternatives (\(results.first?.first ?? ""))"]
        }
        if let all = schema["allOf"]?.arrayValue {
            return all.flatMap { problems(value, $0, path: path, depth: depth + 1) }
        }
        if let constant = schema["const"], constant != value { return ["\(path): expected \(constant)"] }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) { return ["\(path): \(value) not in enum"] }
        switch schema["type"]?.stringValue {
        case "object"?:
            guard let object = value.objectValue else { return ["\(path): expected object"] }
            var found: [String] = []
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
                found.append("\(path): missing required `\(key)`")
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            for (key, member) in object {
                if let propertySchema = properties[key] {
                    found += problems(member, propertySchema, path: "\(path).\(key)", depth: depth + 1)
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path): property `\(key)` not allowed")
                }
            }
            return found
        case "array"?:
            guard let items = value.arrayValue else { return ["\(path): expected array"] }
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { problems($1, itemSchema, path: "\(path)[\($0)]", depth: depth + 1) }
        case "string"?:
            return value.stringValue == nil ? ["\(path): expected string"] : []
        case "integer"?:
            return value.intValue == nil ? ["\(path): expected integer"] : []
        case "number"?:
            switch value { case .int, .double: return []; default: return ["\(path): expected number"] }
        case "boolean"?:
            if case .bool = value { return [] }
            return ["\(path): expected boolean"]
        default:
            return []
        }
    }
}
