import Foundation
import MailParser
import TriageModel

/// Turns one parsed message into one `ImportedTicket` (pure: no I/O).
///
/// - `externalID`: the Message-ID, or `h:` + a digest of sender, date, subject and text when there is none.
/// - `subject`: the decoded Subject (`(no subject)` when empty); `requester`: the sender, or for mail the
///   team sent, the first recipient outside the team.
/// - one message: author, role (`agent` when From matches `ImportOptions.teamAddresses`), sent time, text
///   (HTML converted when the mail has no plain part), HTML, trimmed text (`ReplyTrimmer`), attachments.
/// - `threadHints`: In-Reply-To then References newest first (own id and duplicates removed) and a
///   subject key `normalized subject|sorted participant addresses`, plus `|reply` when the subject has a
///   reply or forward prefix (the store's subject fallback only joins such a reply to its original).
/// - labels from `X-Triage-Department` and `X-Triage-Priority` headers (sample and hand-labelled mail).
public struct MailTicketBuilder: Sendable {
    public var options: ImportOptions
    public var source: String
    private let team: TeamAddressMatcher

    public init(options: ImportOptions, defaultSource: String = ImportFormat.eml.defaultSource) {
        self.options = options
        self.source = options.source ?? defaultSource
        self.team = TeamAddressMatcher(options.teamAddresses)
    }

    /// The ticket for `message`, and every defect found (structure and decoding).
    public func ticket(from message: MailMessage) -> (ticket: ImportedTicket, defects: [MailDefect]) {
        let headers = message.headers
        let content = message.content(keepingAttachmentBytesUpTo: Int.max)
        var defects = message.defects + content.defects

        let from = message.from.first ?? message.sender.first
        let author = from.map { Participant(name: $0.name, email: $0.address.isEmpty ? nil : $0.address) }
        let isAgent = team.matches(from?.address)
        let subject = message.subject.map { $0.isEmpty ? nil : $0 } ?? nil
        let dateHeader = headers["Date"]
        let date = dateHeader.flatMap(MailDate.parse)
        if let dateHeader, date == nil {
            defects.append(MailDefect(.malformedDate, "Date \"\(dateHeader.prefix(80))\" cannot be read"))
        }

        var text = content.text ?? ""
        // HTML-only mail, or an alternative whose plain part is empty: read the HTML.
        if Self.isBlank(text), let html = content.html { text = HTMLToText.convert(html) }
        if text.utf8.contains(0x0D) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        let trim = ReplyTrimmer.trim(text)

        let attachments = content.attachments.map { attachment -> AttachmentInfo in
            let bytes = attachment.data ?? []
            let keep = options.keepAttachmentBytesUpTo > 0 && bytes.count <= options.keepAttachmentBytesUpTo
            return AttachmentInfo(filename: attachment.filename, contentType: attachment.contentType,
                                  size: Int64(attachment.size), contentHash: SHA256Digest.hex(bytes),
                                  data: keep ? Data(bytes) : nil)
        }

        let ownID = message.messageID
        var mailMessage = ImportedMessage(externalID: ownID, author: author, role: isAgent ? .agent : .customer,
                                          isPublic: true, sentAt: date, text: text, html: content.html,
                                          trimmedText: trim.trimmed ? trim.text : nil, attachments: attachments)
        let externalID = ownID ?? mailMessage.derivedID(subject: subject)
        mailMessage.externalID = externalID

        let recipients = message.to + message.cc
        let requester: Participant?
        if isAgent, let customer = recipients.first(where: { !team.matches($0.address) && !$0.address.isEmpty }) {
            requester = Participant(name: customer.name, email: customer.address)
        } else {
            requester = author
        }

        var customFields: [String: String] = [:]
        if let list = headers["List-Id"] { customFields["mail.list_id"] = list }
        if let to = headers.text("To") { customFields["mail.to"] = to }
        if let cc = headers.text("Cc") { customFields["mail.cc"] = cc }

        let ticket = ImportedTicket(
            source: source, externalID: externalID, subject: subject ?? "(no subject)", channel: "email",
            requester: requester, tags: [], createdAt: date, updatedAt: date,
            labelDepartment: headers.text("X-Triage-Department").flatMap { $0.isEmpty ? nil : $0 },
            labelPriority: headers.text("X-Triage-Priority").flatMap { $0.isEmpty ? nil : $0.lowercased() },
            customFields: customFields, messages: [mailMessage],
            threadHints: threadHints(message, ownID: externalID, subject: subject, from: from, recipients: recipients))
        return (ticket, defects)
    }

    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    private func threadHints(_ message: MailMessage, ownID: String, subject: String?, from: MailAddress?,
                             recipients: [MailAddress]) -> ThreadHints {
        var references: [String] = []
        var seen: Set<String> = [ownID]
        for id in message.inReplyTo.reversed() + message.references.reversed() where seen.insert(id).inserted {
            references.append(id)
        }
        var participants = Set<String>()
        for address in [from].compactMap({ $0 }) + recipients where address.address.contains("@") {
            participants.insert(address.address.lowercased())
        }
        var key = SubjectNormalizer.normalize(subject ?? "") + "|" + participants.sorted().joined(separator: ",")
        // The store's subject fallback joins a reply without references to its original, never two originals.
        if SubjectNormalizer.hasReplyPrefix(subject ?? "") { key += "|reply" }
        return ThreadHints(references: references, subjectKey: key)
    }
}

extension ImportedMessage {
    /// A stable id for mail without a Message-ID: digest of sender, date, subject and text.
    fileprivate func derivedID(subject: String?) -> String {
        var hasher = ContentHasher()
        hasher.combine(author?.email)
        hasher.combine(sentAt.map { String(Int64($0.timeIntervalSince1970)) })
        hasher.combine(subject)
        hasher.combine(text)
        return "h:" + hasher.hex
    }
}
