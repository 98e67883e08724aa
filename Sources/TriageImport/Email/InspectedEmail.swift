import Foundation
import MailParser

/// What `triage inspect` shows of one e-mail message (one JSON object; JSONL for mbox and Maildir).
///
/// Keys are snake_case: `subject`, `from`, `to`, `cc`, `date` (ISO 8601 UTC), `message_id`, `in_reply_to`,
/// `references`, `text`, `html_present`, `attachments` (`filename`, `content_type`, `size`), `defects`.
public struct InspectedEmail: Encodable, Sendable, Hashable {
    /// A mailbox as `{"name": …, "address": …}`.
    public struct Address: Encodable, Sendable, Hashable {
        public var name: String?
        public var address: String

        public init(name: String?, address: String) {
            self.name = name
            self.address = address
        }
    }

    public struct Attachment: Encodable, Sendable, Hashable {
        public var filename: String?
        public var contentType: String
        /// Decoded size in bytes.
        public var size: Int

        public init(filename: String?, contentType: String, size: Int) {
            self.filename = filename
            self.contentType = contentType
            self.size = size
        }

        enum CodingKeys: String, CodingKey {
            case filename
            case contentType = "content_type"
            case size
        }
    }

    public var subject: String?
    public var from: [Address]
    public var to: [Address]
    public var cc: [Address]
    /// ISO 8601 in UTC (`2025-11-03T08:13:58Z`), `nil` when absent or unreadable.
    public var date: String?
    public var messageID: String?
    public var inReplyTo: String?
    public var references: [String]
    /// The plain-text body (converted from HTML when the mail has no plain part).
    public var text: String
    public var htmlPresent: Bool
    public var attachments: [Attachment]
    /// Every defect found, as `kind: detail`.
    public var defects: [String]

    enum CodingKeys: String, CodingKey {
        case subject, from, to, cc, date
        case messageID = "message_id"
        case inReplyTo = "in_reply_to"
        case references, text
        case htmlPresent = "html_present"
        case attachments, defects
    }

    /// Encode `nil` as JSON `null` so every object has every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(cc, forKey: .cc)
        try container.encode(date, forKey: .date)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(inReplyTo, forKey: .inReplyTo)
        try container.encode(references, forKey: .references)
        try container.encode(text, forKey: .text)
        try container.encode(htmlPresent, forKey: .htmlPresent)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(defects, forKey: .defects)
    }
}

extension InspectedEmail {
    /// The inspection of a parsed message.
    public init(_ message: MailMessage) {
        let content = message.content()
        func addresses(_ list: [MailAddress]) -> [Address] { list.map { Address(name: $0.name, address: $0.address) } }
        subject = message.subject
        from = addresses(message.from)
        to = addresses(message.to)
        cc = addresses(message.cc)
        var defects = message.defects + content.defects
        if let raw = message.headers["Date"] {
            if let parsed = MailDate.parse(raw) {
                let formatter = ISO8601DateFormatter()
                formatter.timeZone = TimeZone(secondsFromGMT: 0)
                date = formatter.string(from: parsed)
            } else {
                defects.append(MailDefect(.malformedDate, "Date \"\(raw.prefix(80))\" cannot be read"))
            }
        }
        messageID = message.messageID
        inReplyTo = message.inReplyTo.first
        references = message.references
        let plain = content.text ?? ""
        text = MailTicketBuilder.isBlank(plain) ? (content.html.map(HTMLToText.convert) ?? plain) : plain
        htmlPresent = content.html != nil
        attachments = content.attachments.map { Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size) }
        self.defects = defects.map(\.description)
    }
}
