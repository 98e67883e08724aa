import Foundation
import TriageClassify
import TriageImport
import TriageModel
import Yams

/// The user's settings (`triage.yml`). Every key is optional; what is missing takes the default.
public struct TriageConfiguration: Sendable, Decodable, Equatable {
    public struct Import: Sendable, Codable, Equatable {
        /// IANA zone for timestamps that carry none.
        public var timeZone: String = "UTC"
        /// The team's own addresses or `@domain`s: mail from them is the agent side.
        public var teamAddresses: [String] = []
        /// Keep attachment bytes up to this size (0: keep only name, type and size).
        public var keepAttachmentsUpTo: Int = 0
        /// Records larger than this are skipped with a diagnostic.
        public var maxRecordBytes: Int = 64 << 20
        /// How far apart two mails with the same subject may be and still join one ticket.
        public var threadWindowDays: Double = 14

        enum CodingKeys: String, CodingKey {
            case timeZone = "time_zone", teamAddresses = "team_addresses", keepAttachmentsUpTo = "keep_attachments_up_to"
            case maxRecordBytes = "max_record_bytes", threadWindowDays = "thread_window_days"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? timeZone
            teamAddresses = try c.decodeIfPresent([String].self, forKey: .teamAddresses) ?? teamAddresses
            keepAttachmentsUpTo = try c.decodeIfPresent(Int.self, forKey: .keepAttachmentsUpTo) ?? keepAttachmentsUpTo
            maxRecordBytes = try c.decodeIfPresent(Int.self, forKey: .maxRecordBytes) ?? maxRecordBytes
            threadWindowDays = try c.decodeIfPresent(Double.self, forKey: .threadWindowDays) ?? threadWindowDays
        }
    }

    public var departments: [Department] = Department.defaults
    public var `import` = Import()
    /// The daily digest: its time zone and mail delivery.
    public var digest = DigestSettings()
    /// The Claude backend: model, thresholds for the cascade, redaction, summary length.
    public var claude = ClaudeSettings()

    /// The routing rules file (`rules:`), relative to the configuration file; `nil`: no routing.
    public var rules: String?

    /// Below this confidence a result asks for a human (`needs_human_threshold`): the one threshold the local and
    /// Claude classifiers, the cascade's escalation, `show`, routing and the digest use. Setting it also sets
    /// ``ClaudeSettings/confidenceThreshold`` and ``DigestSettings/lowConfidenceThreshold``.
    public var needsHumanThreshold: Double = NeedsHumanThreshold.default {
        didSet {
            claude.confidenceThreshold = needsHumanThreshold
            digest.lowConfidenceThreshold = needsHumanThreshold
        }
    }

    /// `digest.chat_webhook`: where `triage digest --post` posts when no URL is given on the command line (the
    /// environment's `TRIAGE_CHAT_WEBHOOK` comes first). The URL is the secret: it is never printed.
    public var digestChatWebhook: String?

    /// The keys of `digest:` read here rather than by ``DigestSettings``.
    private struct DigestExtras: Decodable {
        var chatWebhook: String?
        enum CodingKeys: String, CodingKey { case chatWebhook = "chat_webhook" }
    }

    /// The help desk accounts `triage sync` reads (`helpdesk:`); the environment takes precedence (``HelpdeskSettings``).
    public var helpdesk = HelpdeskSettings()

    enum CodingKeys: String, CodingKey {
        case departments, `import`, digest, claude, rules, helpdesk
        case needsHumanThreshold = "needs_human_threshold"
    }

    /// Keys that used to hold their own thresholds.
    private struct SectionKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        departments = try c.decodeIfPresent([Department].self, forKey: .departments) ?? departments
        `import` = try c.decodeIfPresent(Import.self, forKey: .import) ?? `import`
        digest = try c.decodeIfPresent(DigestSettings.self, forKey: .digest) ?? digest
        claude = try c.decodeIfPresent(ClaudeSettings.self, forKey: .claude) ?? claude
        rules = try c.decodeIfPresent(String.self, forKey: .rules)
        helpdesk = try c.decodeIfPresent(HelpdeskSettings.self, forKey: .helpdesk) ?? helpdesk
        for (section, key) in [(CodingKeys.digest, "low_confidence_threshold"), (.claude, "confidence_threshold")] {
            if let nested = try? c.nestedContainer(keyedBy: SectionKey.self, forKey: section),
               nested.contains(SectionKey(stringValue: key)) {
                throw DecodingError.dataCorruptedError(
                    forKey: section, in: c,
                    debugDescription: "\(key) is now the one top-level needs_human_threshold (used by show, routing, "
                        + "the digest and the cascade alike); move the value there")
            }
        }
        needsHumanThreshold = try c.decodeIfPresent(Double.self, forKey: .needsHumanThreshold) ?? needsHumanThreshold
        claude.confidenceThreshold = needsHumanThreshold
        digest.lowConfidenceThreshold = needsHumanThreshold
        digestChatWebhook = try c.decodeIfPresent(DigestExtras.self, forKey: .digest)?.chatWebhook
    }

    /// Reads `triage.yml`; errors name the file, the line and the key, and say what is expected.
    ///
    /// Strict: a YAML syntax error, a key no setting reads (with the documented key it probably meant), a value of
    /// the wrong type and a value out of range are all errors.
    public static func load(from url: URL) throws -> TriageConfiguration {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: url.path, message: "cannot read it (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: url.path)
    }

    /// ``load(from:)`` for text already read; `file` names it in errors.
    public static func parse(yaml text: String, file: String) throws -> TriageConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return TriageConfiguration() }
            root = node
        } catch let error as YamlError {
            throw ConfigurationError(file: file, message: ConfigurationMessages.syntax(error))
        } catch {
            throw ConfigurationError(file: file, message: "not valid YAML (\(error))")
        }
        if case .scalar = root, root.string?.isEmpty ?? false { return TriageConfiguration() }
        guard case .mapping = root else {
            throw ConfigurationError(file: file, message: "line \(root.mark?.line ?? 1): expected settings as `key: value` lines (see `triage init`)")
        }
        let configuration: TriageConfiguration
        do {
            configuration = try YAMLDecoder().decode(TriageConfiguration.self, from: root)
        } catch let error as DecodingError {
            throw ConfigurationError(file: file, message: ConfigurationMessages.describe(error, root: root))
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(file: file, message: "\(error)")
        }
        let check = ConfigurationKeyCheck(root: root) { node in
            (try? YAMLDecoder().decode(TriageConfiguration.self, from: node)) != nil
        }
        if let unknown = check.unknownKeys().first {
            let hint = ConfigurationKeyCheck.suggestion(for: unknown.key).map { "; did you mean '\($0)'?" }
                ?? "; see `triage init` for the keys there are"
            throw ConfigurationError(file: file, message: "\(unknown.line.map { "line \($0): " } ?? "")unknown key '\(unknown.path)'\(hint)")
        }
        try configuration.validate(file: file)
        return configuration
    }

    /// Checks values that decode but make no sense.
    public func validate(file: String) throws {
        guard TimeZone(identifier: `import`.timeZone) != nil else {
            throw ConfigurationError(file: file, message: "import.time_zone \"\(`import`.timeZone)\" is not an IANA time zone (e.g. Europe/Berlin)")
        }
        guard needsHumanThreshold >= 0 && needsHumanThreshold <= 1 else {
            throw ConfigurationError(file: file, message: "needs_human_threshold \(needsHumanThreshold) is not a confidence: use a value from 0 to 1 (default \(NeedsHumanThreshold.default))")
        }
        guard !departments.isEmpty else {
            throw ConfigurationError(file: file, message: "departments is empty: list at least one department")
        }
        let names = departments.map(\.name)
        if Set(names).count != names.count {
            throw ConfigurationError(file: file, message: "departments lists a name twice")
        }
        if let empty = departments.firstIndex(where: { $0.name.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ConfigurationError(file: file, message: "departments[\(empty)].name is empty: give each department a name")
        }
        func require(_ ok: Bool, _ key: String, _ value: Any, _ expected: String) throws {
            if !ok { throw ConfigurationError(file: file, message: "\(key) is \(value); it must be \(expected)") }
        }
        let i = `import`
        try require(i.keepAttachmentsUpTo >= 0, "import.keep_attachments_up_to", i.keepAttachmentsUpTo, "0 or more bytes (0 keeps no bytes)")
        try require(i.maxRecordBytes > 0, "import.max_record_bytes", i.maxRecordBytes, "a positive number of bytes (default 67108864)")
        try require(i.threadWindowDays.isFinite && i.threadWindowDays >= 0, "import.thread_window_days", i.threadWindowDays,
                    "0 or more days (default 14)")
        if TimeZone(identifier: digest.timeZone) == nil {
            throw ConfigurationError(file: file, message: "digest.time_zone \"\(digest.timeZone)\" is not an IANA time zone (e.g. Europe/Berlin)")
        }
        try require(claude.maxTokens > 0, "claude.max_tokens", claude.maxTokens, "a positive number of tokens")
        try require(claude.summaryWords > 0, "claude.summary_words", claude.summaryWords, "a positive number of words")
        try require((0...1).contains(claude.localThreshold), "claude.local_threshold", claude.localThreshold, "between 0 and 1")
    }

    /// Importer options from these settings.
    public func importOptions(source: String?, mapping: FieldMapping?) -> ImportOptions {
        ImportOptions(source: source, defaultTimeZone: TimeZone(identifier: `import`.timeZone) ?? TimeZone(identifier: "UTC")!,
                      mapping: mapping, teamAddresses: `import`.teamAddresses,
                      keepAttachmentBytesUpTo: `import`.keepAttachmentsUpTo, maxRecordBytes: `import`.maxRecordBytes)
    }
}

/// A configuration file that cannot be used.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
