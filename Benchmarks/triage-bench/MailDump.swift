import ArgumentParser
import Foundation
import MailParser

/// `triage-bench mail-dump FILE...`: one JSON object per file with what the mail parser reads from it
/// (subject, first From/To, Message-ID, date, text and HTML bodies, attachments). `scripts/mail_agreement.py`
/// compares this with golden files and with Python's `email` package.
struct MailDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-dump",
        abstract: "Print what the mail parser reads from each message file, one JSON object per line."
    )

    @Argument(help: "Message files (.eml or raw RFC 5322).")
    var files: [String]

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("mail-dump: cannot read \(file)\n".utf8))
                continue
            }
            let record = DumpedMessage(file: file, message: MailMessage(parsing: Array(data)))
            print(String(decoding: try encoder.encode(record), as: UTF8.self))
        }
    }
}

/// The fields `mail-dump` prints for one message.
struct DumpedMessage: Encodable {
    struct Address: Encodable {
        var name: String?
        var address: String
    }
    struct Attachment: Encodable {
        var filename: String?
        var contentType: String
        var size: Int
    }
    var file: String
    var subject: String?
    var from: [Address]
    var to: [Address]
    var messageID: String?
    var date: String?
    var text: String?
    var html: String?
    var attachments: [Attachment]
    var defects: [String]

    init(file: String, message: MailMessage) {
        self.file = file
        subject = message.subject
        from = message.from.map { Address(name: $0.name, address: $0.address) }
        to = message.to.map { Address(name: $0.name, address: $0.address) }
        messageID = message.messageID
        date = message.date.map { ISO8601DateFormatter().string(from: $0) }
        let content = message.content()
        text = content.text
        html = content.html
        attachments = content.attachments.map { Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size) }
        defects = (message.defects + content.defects).map { "\($0.kind): \($0.detail)" }
    }
}
