import Foundation
import Mustache
import TriageModel

/// The classification prompt: a system template (instructions, departments, examples — the cached static part)
/// and a user template (one ticket, delimited as untrusted data). Both are Mustache, rendered without HTML
/// escaping, and user-editable in `Templates/prompts/`.
///
/// ```swift
/// let prompt = try ClaudePromptTemplate.load(directory: "Templates/prompts")
/// let system = prompt.renderSystem(departments: Department.defaults, settings: ClaudeSettings())
/// ```
public struct ClaudePromptTemplate: Sendable {
    public static let systemFileName = "classify.system.mustache"
    public static let userFileName = "classify.user.mustache"

    let system: MustacheTemplate
    let user: MustacheTemplate
    /// `classify-` and a hash of both template sources: stored with every result as its prompt version.
    public let version: String

    /// Parses template sources; `path` names them in errors.
    public init(systemSource: String, userSource: String, path: String = "<inline templates>") throws {
        system = try Self.parse(systemSource, path: path + "/" + Self.systemFileName)
        user = try Self.parse(userSource, path: path + "/" + Self.userFileName)
        let hash = StableHash.hash(systemSource + "\u{0}" + userSource)
        version = "classify-" + String(hash, radix: 16).prefix(10)
    }

    /// Reads both templates from `directory` (the project's `Templates/prompts/` or a user copy of it).
    public static func load(directory: String) throws -> ClaudePromptTemplate {
        func read(_ name: String) throws -> String {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { throw ClaudeClassifierError.templateNotFound(path: path) }
            do {
                guard let text = String(data: try Data(contentsOf: URL(fileURLWithPath: path)), encoding: .utf8) else {
                    throw ClaudeClassifierError.templateUnreadable(path: path, reason: "not valid UTF-8")
                }
                return text
            } catch let error as ClaudeClassifierError {
                throw error
            } catch {
                throw ClaudeClassifierError.templateUnreadable(path: path, reason: error.localizedDescription)
            }
        }
        return try ClaudePromptTemplate(systemSource: try read(systemFileName), userSource: try read(userFileName), path: directory)
    }

    // MARK: - Rendering

    /// The static system prompt: identical bytes for every ticket of one configuration.
    public func renderSystem(departments: [Department], settings: ClaudeSettings) -> String {
        let names = Set(departments.map(\.name))
        let examples: [[String: Any]] = settings.examples.filter { names.contains($0.department) }.map { example in
            let answer = "department=\(example.department); priority=\(example.priority); sentiment=\(example.sentiment); "
                + "summary=\(example.summary)"
            return ["subject": example.subject, "body": example.body, "answer": answer]
        }
        let context: [String: Any] = [
            "departments": departments.map { ["name": $0.name, "description": $0.description] },
            "summaryWords": settings.summaryWords,
            "summaryLanguage": settings.summaryLanguage,
            "hasExamples": !examples.isEmpty,
            "examples": examples,
        ]
        return Self.tidy(system.render(context))
    }

    /// The user message for one (already redacted) ticket. Marker tags inside the ticket are neutralised so the
    /// text cannot close the `<ticket>` block early.
    public func renderUser(subject: String, body: String, channel: String?) -> String {
        var context: [String: Any] = [
            "subject": Self.neutralise(subject.replacingOccurrences(of: "\n", with: " ")),
            "body": Self.neutralise(body),
        ]
        if let channel, !channel.isEmpty { context["channel"] = Self.neutralise(channel) }
        return Self.tidy(user.render(context))
    }

    // MARK: - Helpers

    private static func parse(_ source: String, path: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
        } catch let error as MustacheTemplate.ParserError {
            throw ClaudeClassifierError.templateSyntax(path: path, line: error.context.lineNumber,
                                                       column: error.context.columnNumber, reason: "\(error.error)")
        }
    }

    /// Breaks `<ticket>` / `</ticket>` spelled inside ticket text (any case) by inserting a space after `<`.
    static func neutralise(_ text: String) -> String {
        guard text.range(of: "ticket", options: .caseInsensitive) != nil else { return text }
        return text.replacingOccurrences(of: "<(/?)\\s*(ticket)", with: "< $1$2", options: [.regularExpression, .caseInsensitive])
    }

    /// Trims surrounding blank lines the template's comments and sections leave.
    static func tidy(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
