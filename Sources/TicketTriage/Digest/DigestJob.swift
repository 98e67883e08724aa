import Foundation
import TriageNetwork
import TriageReports
import TriageStore

/// `triage digest` as one call: pick the day, build the digest, render it, and mail it once.
///
/// The command only parses options and prints what this returns; every failure is a `DigestError` (store errors
/// pass through as they are).
public struct DigestJob: Sendable {
    /// What the caller asked for.
    public struct Request: Sendable, Hashable {
        /// `YYYY-MM-DD`; `nil`: yesterday in the zone.
        public var date: String?
        /// IANA zone; `nil`: `digest.time_zone` from the settings.
        public var timeZone: String?
        /// `html`, `md`, `text` or `json`.
        public var format: String
        /// The user's own template for `format`.
        public var customTemplate: String?
        /// `--templates DIR`.
        public var templatesDirectory: String?

        public init(date: String? = nil, timeZone: String? = nil, format: String = "text", customTemplate: String? = nil,
                    templatesDirectory: String? = nil) {
            self.date = date
            self.timeZone = timeZone
            self.format = format
            self.customTemplate = customTemplate
            self.templatesDirectory = templatesDirectory
        }
    }

    public var store: TicketStore
    public var settings: DigestSettings
    public var environment: [String: String]
    public var now: Date

    public init(store: TicketStore, settings: DigestSettings, environment: [String: String], now: Date = Date()) {
        self.store = store
        self.settings = settings
        self.environment = environment
        self.now = now
    }

    /// The digest model of the requested day.
    /// - Parameter sla: the SLA policy for the digest's SLA section (from the rules file), if any.
    public func data(for request: Request, sla: DigestSLA? = nil) throws -> DigestData {
        let zone = request.timeZone ?? settings.timeZone
        return try reporting {
            let date = try request.date ?? DigestBuilder.yesterday(in: zone, now: now)
            var builder = DigestBuilder(store: store, lowConfidenceThreshold: settings.lowConfidenceThreshold)
            builder.sla = sla
            return try builder.build(date: date, timeZone: zone, generatedAt: now)
        }
    }

    /// The digest rendered in the requested format.
    /// - Parameter summary: an executive summary written elsewhere (Claude); `nil` composes it from the numbers.
    public func render(_ data: DigestData, request: Request, summary: String? = nil) throws -> String {
        guard let format = DigestFormat(name: request.format) else {
            throw DigestError.invalidRequest("unknown digest format \"\(request.format)\": use html, md, text or json")
        }
        let folder = format == .json ? "" : try templates(request)
        return try reporting {
            try DigestRenderer().render(data, format: format, templatesDirectory: folder, customTemplatePath: request.customTemplate,
                                        summary: summary)
        }
    }

    /// Mails the digest (text + HTML from the default templates) unless this day's digest was already sent.
    public func send(_ data: DigestData, request: Request, force: Bool, summary: String? = nil) throws -> DigestDelivery.Outcome {
        let folder = try templates(request)
        let (text, html) = try reporting {
            let renderer = DigestRenderer()
            return (try renderer.render(data, format: .text, templatesDirectory: folder, summary: summary),
                    try renderer.render(data, format: .html, templatesDirectory: folder, summary: summary))
        }
        let message = try DigestDelivery.mailMessage(for: data, text: text, html: html, settings: settings.mail, at: now)
        let sender = try DigestDelivery.mailSender(settings: settings.mail, environment: environment)
        do {
            return try DigestDelivery(store: store).sendMail(message, for: data.day, using: sender, force: force, at: now)
        } catch let error as SMTPError {
            throw DigestError.sendFailed(error.description)
        }
    }

    private func templates(_ request: Request) throws -> String {
        try TemplateLocator(flag: request.templatesDirectory, environment: environment).locate()
    }

    private func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ReportsError {
            throw DigestError.invalidRequest(error.description)
        }
    }
}

extension DigestJob {
    /// `digest for 2026-03-29 (Europe/Berlin)`, for the command's messages.
    public static func describe(_ data: DigestData) -> String {
        "digest for \(data.day.date) (\(data.day.timeZone))"
    }
}

extension DigestJob {
    /// Whether `date` is a real calendar day written `YYYY-MM-DD` (for option validation).
    public static func isValidDate(_ date: String) -> Bool {
        (try? DigestDay.bounds(date: date, timeZone: "UTC")) != nil
    }
}
