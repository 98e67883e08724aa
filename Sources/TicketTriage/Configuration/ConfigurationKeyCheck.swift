import Foundation
import Yams
import TriageModel

/// Finds keys in a configuration file that no setting reads: a misspelt `departmentz:` must not be ignored.
///
/// There is no separate list of keys to keep up to date: each key of the file is probed by replacing its value
/// with one no setting accepts (`[[{}]]`) and decoding again. A key some setting reads makes the decoding fail at
/// that key; a key nothing reads changes nothing. Keys whose values are mappings or lists are checked key by key
/// inside. `decode` must succeed on the unprobed tree (the caller decodes first).
public struct ConfigurationKeyCheck {
    /// One step of a path into the YAML tree.
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    /// A key nothing reads, with where it is.
    public struct UnknownKey: Sendable, Hashable {
        /// `import.max_record_byte`.
        public var path: String
        public var key: String
        public var line: Int?
    }

    let root: Node
    let decodes: (Node) -> Bool

    /// `decodes(node)` says whether the configuration decodes from `node` (false on any error).
    init(root: Node, decodes: @escaping (Node) -> Bool) {
        self.root = root
        self.decodes = decodes
    }

    /// Every unknown key, in file order.
    public func unknownKeys() -> [UnknownKey] {
        var found: [UnknownKey] = []
        walk(root, path: [], into: &found)
        return found
    }

    private func walk(_ node: Node, path: [Step], into found: inout [UnknownKey]) {
        switch node {
        case let .mapping(mapping):
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { continue }
                let keyPath = path + [.key(key)]
                if decodes(Self.replacing(root, at: keyPath[...], with: Self.probe)) {
                    found.append(UnknownKey(path: Self.describe(keyPath), key: key, line: keyNode.mark?.line))
                } else {
                    walk(value, path: keyPath, into: &found)
                }
            }
        case let .sequence(sequence):
            for (index, element) in sequence.enumerated() { walk(element, path: path + [.index(index)], into: &found) }
        default:
            break
        }
    }

    /// A value that no setting's type accepts: not a scalar, not a list of scalars, not a mapping.
    static var probe: Node { Node([Node([Node([(Node, Node)]())])]) }

    static func replacing(_ node: Node, at path: ArraySlice<Step>, with replacement: Node) -> Node {
        guard let step = path.first else { return replacement }
        switch (node, step) {
        case let (.mapping(mapping), .key(key)):
            let pairs = mapping.map { pair -> (Node, Node) in
                pair.key.string == key ? (pair.key, replacing(pair.value, at: path.dropFirst(), with: replacement)) : (pair.key, pair.value)
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case let (.sequence(sequence), .index(index)):
            var nodes = Array(sequence)
            guard nodes.indices.contains(index) else { return node }
            nodes[index] = replacing(nodes[index], at: path.dropFirst(), with: replacement)
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        default:
            return node
        }
    }

    static func describe(_ path: [Step]) -> String {
        var text = ""
        for step in path {
            switch step {
            case let .key(key): text += text.isEmpty ? key : ".\(key)"
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The key names `triage init` documents (commented or not): the vocabulary for "did you mean".
    static var documentedKeys: [String] {
        var keys = Set<String>()
        for line in DefaultConfiguration.yaml.split(separator: "\n") {
            var rest = line.drop(while: { $0 == " " || $0 == "#" || $0 == "-" })
            rest = rest.drop(while: { $0 == " " })
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let key = rest[..<colon]
            if !key.isEmpty, key.allSatisfy({ $0.isLowercase || $0 == "_" }) { keys.insert(String(key)) }
        }
        for key in ["departments", "name", "description", "import", "digest", "claude", "rules", "mail"] { keys.insert(key) }
        return keys.sorted()
    }

    /// The documented key closest to `key`, when it is close enough to be a typo.
    static func suggestion(for key: String) -> String? {
        NameSuggestion.closest(to: key, in: documentedKeys.filter { $0 != key })
    }
}
