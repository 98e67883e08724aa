/// One element of a record, built from the stream: name, attributes, its own text and child elements.
///
/// Records are small (one ticket), so the importers read them as a tree and map fields with paths
/// (`requester/email`, `@id`) in pure code, while the file as a whole is streamed.
struct XMLTreeElement: Sendable, Hashable {
    struct Attribute: Sendable, Hashable {
        var name: String
        var value: String
    }

    var name: String
    var attributes: [Attribute]
    /// The element's own text and CDATA, concatenated (text inside child elements is not included).
    var text: String
    var children: [XMLTreeElement]
    /// 1-based line of the start tag.
    var line: Int

    init(name: String, attributes: [Attribute] = [], text: String = "", children: [XMLTreeElement] = [],
         line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
    }

    /// The value of attribute `name`, or `nil`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The first child element called `name`.
    func child(_ name: String) -> XMLTreeElement? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in order.
    func children(named name: String) -> [XMLTreeElement] {
        children.filter { $0.name == name }
    }

    /// Whether `path` is one element name (no `/`, `@` or `(`): the common case, looked up without splitting.
    static func isSimpleName(_ path: String) -> Bool {
        !path.isEmpty && !path.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "(") }
    }

    /// The element reached by a relative path of element names (`requester/email`); `""` is this element.
    func element(at path: some StringProtocol) -> XMLTreeElement? {
        var current = self
        for step in path.split(separator: "/") where !step.isEmpty && step != "." {
            guard let next = current.child(String(step)) else { return nil }
            current = next
        }
        return current
    }

    /// Every element matching the path, the last step repeating (`comments/comment`).
    func elements(at path: String) -> [XMLTreeElement] {
        if let slash = path.firstIndex(of: "/"), Self.isSimpleName(String(path[path.index(after: slash)...])),
           Self.isSimpleName(String(path[..<slash])) {
            return child(String(path[..<slash]))?.children(named: String(path[path.index(after: slash)...])) ?? []
        }
        if Self.isSimpleName(path) { return children(named: path) }
        var steps = path.split(separator: "/").filter { !$0.isEmpty && $0 != "." }
        guard let last = steps.popLast() else { return [self] }
        guard let parent = element(at: steps.joined(separator: "/")) else { return [] }
        return parent.children(named: String(last))
    }

    /// The string a field path gives: an element's text, or an attribute with `@name` as the last step
    /// (`@id`, `requester/@email`); `text()` as the last step is the element's text. `nil` when absent.
    func value(at path: String) -> String? {
        if Self.isSimpleName(path) { return child(path)?.text }
        var steps = Substring(path)
        if steps.hasSuffix("/text()") { steps = steps.dropLast(7) } else if steps == "text()" { steps = "" }
        if let slash = steps.lastIndex(of: "/"), steps[steps.index(after: slash)...].hasPrefix("@") {
            return element(at: steps[..<slash])?.attribute(String(steps[steps.index(slash, offsetBy: 2)...]))
        }
        if steps.hasPrefix("@") { return attribute(String(steps.dropFirst())) }
        return element(at: steps)?.text
    }
}
