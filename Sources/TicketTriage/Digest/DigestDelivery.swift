import Foundation
import TriageNetwork
import TriageReports
import TriageStore

/// Delivers a rendered digest: to a file, or by mail once per day (recorded in the store's `digests` table).
public struct DigestDelivery: Sendable {
    /// What `sendMail` did.
    public enum Outcome: Sendable, Hashable {
        /// Sent now.
        case sent(at: Date)
        /// Not sent: this day's digest already went out at that time (pass `force` to send again).
        case alreadySent(at: Date)
    }

    /// The `digests.channel` value for mail.
    public static let mailChannel = "email"

    public var store: TicketStore

    public init(store: TicketStore) {
        self.store = store
    }

    /// Writes `text` to `path` atomically (a reader never sees half a digest).
    public static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DigestError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// The SMTP sender the settings describe; the password comes from the settings, else `TRIAGE_SMTP_PASSWORD`.
    public static func mailSender(settings: DigestSettings.Mail, environment: [String: String]) throws -> SMTPSender {
        guard let server = settings.server, !server.isEmpty else { throw DigestError.mailNotConfigured(missing: "server") }
        let tls: SMTPSender.TLSPolicy
        switch settings.tls.lowercased() {
        case "required": tls = .required
        case "opportunistic": tls = .opportunistic
        case "none": tls = .none
        default: throw DigestError.mailNotConfigured(missing: "tls (one of required, opportunistic, none; found \"\(settings.tls)\")")
        }
        let password = settings.password ?? environment["TRIAGE_SMTP_PASSWORD"]
        return SMTPSender(server: server, username: settings.username, password: password, tls: tls)
    }

    /// The mail for a digest: the text version first, the HTML version as the preferred alternative.
    public static func mailMessage(for data: DigestData, text: String, html: String, settings: DigestSettings.Mail,
                                   at date: Date = Date()) throws -> OutgoingMail {
        guard let from = settings.from, !from.isEmpty else { throw DigestError.mailNotConfigured(missing: "from") }
        guard !settings.to.isEmpty else { throw DigestError.mailNotConfigured(missing: "to") }
        return OutgoingMail(from: from, to: settings.to,
                           subject: settings.subject.replacingOccurrences(of: "{date}", with: data.day.date),
                           text: text, html: html, date: date)
    }

    /// Sends the digest by mail unless this day's digest (same zone) was already sent; records the sending.
    ///
    /// The record is written after the server accepted the mail, so a failed send can simply be retried. Two runs
    /// started at the very same moment could both send; cron retries minutes apart cannot.
    public func sendMail(_ message: OutgoingMail, for day: DigestDay, using sender: SMTPSender, force: Bool = false,
                         at date: Date = Date()) throws -> Outcome {
        if !force, let sentAt = try store.digestSentAt(day: day.date, timeZone: day.timeZone, channel: Self.mailChannel) {
            return .alreadySent(at: sentAt)
        }
        try sender.sendBlocking(message)
        try store.recordDigestSent(day: day.date, timeZone: day.timeZone, channel: Self.mailChannel,
                                   detail: "to \(message.to.joined(separator: ", "))", at: date)
        return .sent(at: date)
    }
}
