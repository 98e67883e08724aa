import Foundation
import Yams

/// Configuration errors in words: where (key and line) and what is expected, without decoder internals.
enum ConfigurationMessages {
    /// A YAML syntax error with its line and column.
    static func syntax(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let around = context.map { " (\($0.text))" } ?? ""
            return "line \(mark.line), column \(mark.column): not valid YAML: \(problem)\(around). Check the indentation and quoting there"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "key \(duplicates.joined(separator: ", ")) appears twice (\(context.text)); keep one"
        default:
            return "not valid YAML: \(error)"
        }
    }

    /// A decoding error: the key's path, its line, what was expected and what was found.
    static func describe(_ error: DecodingError, root: Node) -> String {
        switch error {
        case let .typeMismatch(type, context):
            let node = self.node(at: context.codingPath, in: root)
            return "\(location(context.codingPath, node)): expected \(expectation(type)), found \(found(node))"
        case let .valueNotFound(type, context):
            return "\(location(context.codingPath, node(at: context.codingPath, in: root))): missing a value (expected \(expectation(type)))"
        case let .keyNotFound(key, context):
            let path = context.codingPath
            return "\(location(path, node(at: path, in: root))): missing key `\(key.stringValue)`"
        case let .dataCorrupted(context):
            let node = self.node(at: context.codingPath, in: root)
            return "\(location(context.codingPath, node)): the value \(found(node)) cannot be used (\(context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text.isEmpty ? "the file" : text
    }

    static func location(_ codingPath: [any CodingKey], _ node: Node?) -> String {
        let name = path(codingPath)
        guard let line = node?.mark?.line else { return name }
        return "\(name) (line \(line))"
    }

    static func node(at codingPath: [any CodingKey], in root: Node) -> Node? {
        var node: Node? = root
        for key in codingPath {
            guard let current = node else { return nil }
            switch current {
            case let .mapping(mapping): node = mapping[key.stringValue]
            case let .sequence(sequence):
                guard let index = key.intValue, sequence.indices.contains(index) else { return nil }
                node = sequence[index]
            default: return nil
            }
        }
        return node
    }

    static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        case is Node.Sequence.Type: "a list (- item lines or [a, b])"
        default:
            String(describing: type).hasPrefix("Array") ? "a list (- item lines or [a, b])" : "a mapping (key: value lines)"
        }
    }

    static func found(_ node: Node?) -> String {
        switch node {
        case let .scalar(scalar)?: "\"\(scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string)\""
        case .sequence?: "a list"
        case .mapping?: "a mapping"
        case nil: "nothing"
        case .alias?: "an alias"
        }
    }
}
