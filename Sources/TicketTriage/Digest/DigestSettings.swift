import Foundation
import TriageModel

/// The `digest:` section of `triage.yml`: the day's time zone and where `--send` delivers.
public struct DigestSettings: Sendable, Codable, Equatable {
    /// Mail delivery of the digest.
    public struct Mail: Sendable, Codable, Equatable {
        /// `smtp://host:587` (STARTTLS required) or `smtps://host:465`; `smtp://` to 127.0.0.1 may be plain.
        public var server: String?
        public var from: String?
        public var to: [String] = []
        public var username: String?
        /// Prefer the environment variable `TRIAGE_SMTP_PASSWORD` over writing a password here.
        public var password: String?
        /// Subject line; `{date}` is replaced by the digest's day.
        public var subject: String = "Support digest {date}"
        /// For `smtp://`: `required` (STARTTLS or fail, the default), `opportunistic`, or `none` (local relay only).
        public var tls: String = "required"

        enum CodingKeys: String, CodingKey {
            case server, from, to, username, password, subject, tls
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            server = try c.decodeIfPresent(String.self, forKey: .server)
            from = try c.decodeIfPresent(String.self, forKey: .from)
            to = try c.decodeIfPresent([String].self, forKey: .to) ?? to
            username = try c.decodeIfPresent(String.self, forKey: .username)
            password = try c.decodeIfPresent(String.self, forKey: .password)
            subject = try c.decodeIfPresent(String.self, forKey: .subject) ?? subject
            tls = try c.decodeIfPresent(String.self, forKey: .tls) ?? tls
        }
    }

    /// IANA zone whose calendar day the digest covers.
    public var timeZone: String = "UTC"
    /// Results below this confidence count as low confidence.
    public var lowConfidenceThreshold: Double = NeedsHumanThreshold.default
    public var mail = Mail()

    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone", lowConfidenceThreshold = "low_confidence_threshold", mail
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? timeZone
        lowConfidenceThreshold = try c.decodeIfPresent(Double.self, forKey: .lowConfidenceThreshold) ?? lowConfidenceThreshold
        mail = try c.decodeIfPresent(Mail.self, forKey: .mail) ?? mail
    }
}
