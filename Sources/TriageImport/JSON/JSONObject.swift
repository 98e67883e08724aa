import Foundation

/// Read access to one parsed JSON object by dotted path (`requester.email`, `custom_fields.0.value`).
///
/// Exports are untrusted: every accessor returns `nil` for a missing field or a value of another type instead of
/// trapping, and numbers are read whether the export wrote them as numbers or as strings.
struct JSONObject {
    let raw: [String: Any]

    init(_ raw: [String: Any]) {
        self.raw = raw
    }

    /// Parses one record's bytes (`JSONBytesParser`); throws `JSONRecordError` with the parser's reason.
    init(parsing bytes: [UInt8]) throws {
        let value: Any
        do {
            value = try JSONBytesParser.parse(bytes)
        } catch let error as JSONBytesParser.SyntaxError {
            throw JSONRecordError(message: "not valid JSON (\(error))")
        }
        guard let object = value as? [String: Any] else {
            throw JSONRecordError(message: "expected a JSON object, found \(Self.kind(of: value))")
        }
        raw = object
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNull: "null"
        default: "a scalar"
        }
    }

    /// The raw value at `path`, `nil` when absent or JSON `null`.
    func value(_ path: String) -> Any? {
        if !path.utf8.contains(46) {                  // no dot: one lookup, no splitting (the common case)
            guard let value = raw[path] else { return nil }
            return Self.isNull(value) ? nil : value
        }
        var current: Any = raw
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            if let object = current as? [String: Any], let next = object[String(component)] {
                current = next
            } else if let array = current as? [Any], let index = Int(component), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return Self.isNull(current) ? nil : current
    }

    /// Whether a parsed value is JSON null, by its type alone: `value is NSNull` on a Swift array or dictionary
    /// bridges the whole collection to Foundation first (on Linux, a copy of every element: a fifth of the
    /// importer's time on multi-comment tickets).
    static func isNull(_ value: Any) -> Bool {
        type(of: value) == NSNull.self
    }

    /// A string, or a number or boolean written as text; `nil` for empty strings, objects and arrays.
    func string(_ path: String) -> String? {
        Self.text(value(path))
    }

    static func text(_ value: Any?) -> String? {
        guard let value else { return nil }
        // The parser's own values by their exact type first: a cast such as `as? NSNumber` on a Swift value
        // bridges it to a Foundation object first.
        let kind = type(of: value)
        if kind == String.self { let s = value as! String; return s.isEmpty ? nil : s }
        if kind == Int.self { return String(value as! Int) }
        if kind == Bool.self { return (value as! Bool) ? "true" : "false" }
        if kind == [Any].self || kind == [String: Any].self { return nil }
        // Booleans first, by their real type: values from `JSONSerialization` are NSNumbers, and an NSNumber 1 or 0
        // also casts to `Bool` — a ticket id 1 must stay "1", never become "true".
        if isBoolean(value), let b = value as? Bool { return b ? "true" : "false" }
        switch value {
        case let s as String: return s.isEmpty ? nil : s
        case let i as Int: return String(i)
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// Whether a parsed JSON value is `true`/`false` rather than a number (an NSNumber that holds a boolean
    /// reports the C type `c`; numbers report `i`, `q` or `d`).
    static func isBoolean(_ value: Any) -> Bool {
        if let number = value as? NSNumber, !(value is String) {
            return String(cString: number.objCType) == "c"
        }
        return value is Bool
    }

    func int(_ path: String) -> Int? {
        guard let value = value(path) else { return nil }
        if type(of: value) == Int.self { return value as? Int }
        if type(of: value) == String.self { return Int(value as! String) }
        switch value {
        case let i as Int: return i
        case let d as Double: return d.isFinite ? Int(d) : nil
        case let n as NSNumber: return n.intValue
        case let s as String: return Int(s)
        default: return nil
        }
    }

    func bool(_ path: String) -> Bool? {
        guard let value = value(path) else { return nil }
        if type(of: value) == Bool.self { return value as? Bool }
        switch value {
        case let b as Bool: return b
        case let n as NSNumber: return n.boolValue
        case let s as String: return ["true", "1", "yes"].contains(s.lowercased()) ? true : (["false", "0", "no"].contains(s.lowercased()) ? false : nil)
        default: return nil
        }
    }

    func object(_ path: String) -> JSONObject? {
        (value(path) as? [String: Any]).map(JSONObject.init)
    }

    func objects(_ path: String) -> [JSONObject] {
        (value(path) as? [Any])?.compactMap { ($0 as? [String: Any]).map(JSONObject.init) } ?? []
    }

    /// Strings of an array, or a single string split on commas/whitespace (tags exported as `"a b c"`).
    func strings(_ path: String, separator: String? = nil) -> [String] {
        switch value(path) {
        case let array as [Any]:
            return array.compactMap { Self.text($0) }
        case let string as String:
            if let separator, !separator.isEmpty {
                return string.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            return string.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        default:
            return []
        }
    }
}

/// Why one JSON record could not be read (reported as a diagnostic; the import goes on).
struct JSONRecordError: Error, CustomStringConvertible {
    var field: String?
    var message: String

    init(field: String? = nil, message: String) {
        self.field = field
        self.message = message
    }

    var description: String { message }
}
