import Foundation
import TriageModel

/// A typed value a rule reads from a ticket or compares against.
///
/// Priorities compare by urgency: `low < normal < high < urgent` for `less_than`, `greater_than` and `between`.
public enum RuleValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(Date)
    case priority(Priority)
    case list([String])

    /// The value as a rule file or an explanation writes it.
    public var displayText: String {
        switch self {
        case let .string(value): "\"\(value)\""
        case let .number(value): RuleValue.format(value)
        case let .bool(value): value ? "true" : "false"
        case let .date(value): value.formatted(RuleValue.iso8601)
        case let .priority(value): value.rawValue
        case let .list(values): "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }

    /// The value without quotes, as a webhook template inserts it.
    public var plainText: String {
        switch self {
        case let .string(value): value
        case let .list(values): values.joined(separator: ", ")
        default: displayText
        }
    }

    /// `true` for an empty string or an empty list: such values count as missing for `exists`.
    var isEmpty: Bool {
        switch self {
        case let .string(value): value.isEmpty
        case let .list(values): values.isEmpty
        default: false
        }
    }

    static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// `2026-03-02T10:00:00Z`: how dates are written in explanations and webhook bodies.
    static let iso8601 = Date.ISO8601FormatStyle()

    /// Reads an ISO 8601 date-time (`2026-03-02T10:00:00Z`, `2026-03-02T11:00:00+01:00`); `nil` otherwise.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}

extension Priority {
    /// 0 (low) … 3 (urgent): the order rule comparisons use.
    var urgency: Int { 3 - rank }
}
