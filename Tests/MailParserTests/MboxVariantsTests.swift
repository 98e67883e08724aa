import Foundation
import MailParser
import Testing

/// The mbox variants the splitter reads: envelope lines without a blank line before them, and
/// Content-Length-delimited files (mboxcl, mboxcl2).
@Suite struct MboxVariantsTests {
    private func split(_ text: String, chunk: Int = 1 << 20) -> [String] {
        var splitter = MboxSplitter()
        var messages: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            splitter.append(bytes[offset..<min(bytes.count, offset + chunk)])
            offset += chunk
            while let message = splitter.next() { messages.append(String(decoding: message.bytes, as: UTF8.self)) }
        }
        splitter.finish()
        while let message = splitter.next() { messages.append(String(decoding: message.bytes, as: UTF8.self)) }
        return messages
    }

    @Test(arguments: [1, 3, 7, 64, 1 << 20])
    func anEnvelopeLineWithoutABlankLineBeforeItStartsAMessage(chunk: Int) {
        let mbox = """
            From alice@example.com Mon Nov  3 09:00:00 2025
            Subject: one

            first body
            From bob@example.com Mon Nov  3 10:00:00 2025
            Subject: two

            Hello,
            From here on the body speaks of From lines that are not envelopes.
            From: a quoted header in prose
            end

            """
        let messages = split(mbox, chunk: chunk)
        #expect(messages.count == 2)
        #expect(messages.first == "Subject: one\n\nfirst body")
        #expect(messages.last?.contains("From here on the body") == true)
        #expect(messages.last?.hasSuffix("end\n") == true)
    }

    @Test(arguments: [1, 5, 64, 1 << 20])
    func contentLengthDelimitsMboxcl2Messages(chunk: Int) {
        let body1 = "Hello\nFrom the top of the page, an unquoted line.\n>From stays quoted in mboxcl2\n"
        let body2 = "Second\n"
        let mbox = "From a@example.com Mon Nov  3 09:00:00 2025\nSubject: one\nContent-Length: \(body1.utf8.count)\n\n"
            + body1 + "\nFrom b@example.com Mon Nov  3 10:00:00 2025\nSubject: two\nContent-Length: \(body2.utf8.count)\n\n" + body2
        let messages = split(mbox, chunk: chunk)
        #expect(messages.count == 2)
        #expect(messages.first?.hasSuffix(body1) == true)
        #expect(messages.last == "Subject: two\nContent-Length: 7\n\nSecond\n")
    }

    /// A message reads the same wherever it stands in the file: the empty line after the last one is dropped too.
    @Test(arguments: [1, 64, 1 << 20])
    func theLastMessageLosesTheSeparatorLineLikeTheOthers(chunk: Int) {
        let one = "From a@example.com Mon Nov  3 09:00:00 2025\nSubject: x\n\nsame body\n\n"
        let two = "From b@example.com Mon Nov  3 10:00:00 2025\nSubject: x\n\nsame body\n\n"
        let messages = split(one + two, chunk: chunk)
        #expect(messages == ["Subject: x\n\nsame body\n", "Subject: x\n\nsame body\n"])
        #expect(split((one + two).replacingOccurrences(of: "\n", with: "\r\n"), chunk: chunk)
            == ["Subject: x\r\n\r\nsame body\r\n", "Subject: x\r\n\r\nsame body\r\n"])
    }

    @Test func aWrongContentLengthIsIgnored() {
        let mbox = "From a@example.com Mon Nov  3 09:00:00 2025\nSubject: one\nContent-Length: 3\n\nlonger body\n\n"
            + "From b@example.com Mon Nov  3 10:00:00 2025\nSubject: two\n\nsecond\n"
        let messages = split(mbox)
        #expect(messages.count == 2)
        #expect(messages.first?.hasSuffix("longer body\n") == true)
    }

    @Test func contentLengthWithoutAFollowingMessageRunsToTheEnd() {
        let body = "From inside\nlast\n"
        let mbox = "From a@example.com Mon Nov  3 09:00:00 2025\nContent-Length: \(body.utf8.count)\n\n" + body
        #expect(split(mbox) == ["Content-Length: \(body.utf8.count)\n\n" + body])
    }
}
