import Foundation

/// What `triage search` looks for: plain words searched literally, or an FTS5 expression asked for explicitly.
///
/// Plain input is split at white space and every token is quoted for FTS5 (`TW-52005` → `"TW-52005"`), so ticket
/// and order numbers, hyphenated words and apostrophes are searched as written; the tokens must all occur.
/// The size is bounded before SQLite sees it: a huge query costs time and memory proportional to its terms.
public struct SearchQuery: Sendable, Hashable {
    /// How the text is read.
    public enum Syntax: Sendable, Hashable {
        /// Every token literally (all must occur).
        case literal
        /// FTS5 query syntax: "phrases", OR, NOT, NEAR, prefix*, column filters.
        case fts5
    }

    /// Longest query accepted, in UTF-8 bytes.
    public static let maximumBytes = 1024
    /// Most tokens (terms) accepted.
    public static let maximumTerms = 32

    public let text: String
    public let syntax: Syntax

    /// Checks the query's size and that it has something to search for.
    public init(_ text: String, syntax: Syntax = .literal) throws {
        guard text.utf8.count <= Self.maximumBytes else {
            throw SearchQueryError.tooLong(bytes: text.utf8.count)
        }
        let tokens = Self.tokens(of: text)
        guard !tokens.isEmpty else { throw SearchQueryError.empty }
        guard tokens.count <= Self.maximumTerms else { throw SearchQueryError.tooManyTerms(tokens.count) }
        self.text = text
        self.syntax = syntax
    }

    /// The tokens of `text`: runs of characters between white space, with NUL and other control characters
    /// treated as white space; tokens that are only quotes are dropped.
    static func tokens(of text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } })
            .map(String.init)
            .filter { token in !token.allSatisfy { $0 == "\"" } }
    }

    /// The query as a ticket number (`TW-52005`, `zendesk:41001`): a literal query of one token.
    public var ticketReference: String? {
        guard syntax == .literal else { return nil }
        let tokens = Self.tokens(of: text)
        return tokens.count == 1 ? tokens[0] : nil
    }

    /// The FTS5 MATCH expression.
    public var matchExpression: String {
        switch syntax {
        case .fts5:
            return text
        case .literal:
            return Self.tokens(of: text).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                .joined(separator: " ")
        }
    }
}

/// A search query that cannot be run; the message says what to change.
public enum SearchQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLong(bytes: Int)
    case tooManyTerms(Int)
    /// An `--fts` query FTS5 rejects.
    case invalidSyntax(String)

    public var description: String {
        switch self {
        case .empty:
            "the search query is empty: give one or more words, e.g. `triage search TW-52005`"
        case let .tooLong(bytes):
            "the search query is \(bytes) bytes long; at most \(SearchQuery.maximumBytes) are searched. Search for a few distinctive words"
        case let .tooManyTerms(count):
            "the search query has \(count) words; at most \(SearchQuery.maximumTerms) are searched. Search for a few distinctive words"
        case let .invalidSyntax(query):
            "\(query) is not a valid full-text query: quote phrases with \"…\", write OR/NOT/NEAR in capitals between words, put * only at a word's end; or search without --fts to find the words literally"
        }
    }
}
