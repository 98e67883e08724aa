import Foundation

extension MailMessage {
    /// The decoded Subject, `nil` when absent.
    public var subject: String? { headers.text("Subject") }
    public var from: [MailAddress] { addresses("From") }
    public var sender: [MailAddress] { addresses("Sender") }
    public var replyTo: [MailAddress] { addresses("Reply-To") }
    public var to: [MailAddress] { addresses("To") }
    public var cc: [MailAddress] { addresses("Cc") }
    public var bcc: [MailAddress] { addresses("Bcc") }

    /// The mailboxes of the first `name` field. Address fields may occur once (RFC 5322 section 3.6); a second
    /// occurrence is ignored, as mature parsers do, and reported as a `duplicate-header` defect by the parser.
    public func addresses(_ name: String) -> [MailAddress] {
        headers[name].map { AddressParser.parse($0) } ?? []
    }

    /// The Date header as an instant; `nil` when absent or unreadable.
    public var date: Date? { headers["Date"].flatMap(MailDate.parse) }

    /// The Message-ID without angle brackets.
    public var messageID: String? { headers["Message-ID"].flatMap { MessageIDs.parse($0).first } }
    /// In-Reply-To ids, as written (oldest first), without brackets.
    public var inReplyTo: [String] { headers["In-Reply-To"].map(MessageIDs.parse) ?? [] }
    /// References ids, as written (oldest first), without brackets.
    public var references: [String] { headers["References"].map(MessageIDs.parse) ?? [] }
}

/// Message-ID lists (`<a@b> <c@d>`), tolerant of missing brackets and comments.
public enum MessageIDs {
    /// The ids in `raw`, in order, without angle brackets; duplicates removed.
    public static func parse(_ raw: String) -> [String] {
        var ids: [String] = []
        var seen = Set<String>()
        let text = MIMEParameters.stripComments(raw)
        if text.contains("<") {
            var current: String.UnicodeScalarView?
            for scalar in text.unicodeScalars {
                if scalar == "<" {
                    current = String.UnicodeScalarView()
                } else if scalar == ">" {
                    if let id = current.map(String.init), !id.isEmpty, seen.insert(id).inserted { ids.append(id) }
                    current = nil
                } else if scalar != " " && scalar != "\t" && scalar != "\r" && scalar != "\n" {
                    current?.append(scalar)
                }
            }
        } else {
            // No brackets: the words that look like ids (with "@"), else the first word (normalised, not dropped).
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\n" || $0 == "\r" })
            let withAt = words.filter { $0.contains("@") }
            for word in withAt.isEmpty ? Array(words.prefix(1)) : withAt {
                let id = String(word)
                if seen.insert(id).inserted { ids.append(id) }
            }
        }
        return ids
    }
}
