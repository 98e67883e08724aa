import Foundation
import MailParser
import Testing

@Suite struct MboxSplitterTests {
    @Test func splitsAtEnvelopeLinesAfterBlankLinesAndUnquotes() throws {
        var messages: [MboxMessage] = []
        try MboxReader(url: try Fixture.url("sample.mbox"), chunkSize: 4096).forEach { messages.append($0) }
        #expect(messages.count == 3)
        #expect(messages.map(\.line) == [1, 11, 18])
        #expect(messages.map(\.envelope) == ["alice@example.com Mon Nov  3 09:00:00 2025",
                                            "bob@example.com Mon Nov  3 10:00:00 2025",
                                            "carol@example.com Mon Nov  3 11:00:00 2025"])
        let first = MailMessage(parsing: messages[0].bytes)
        #expect(first.subject == "first")
        let text = try #require(first.content().text)
        #expect(text.contains("\nFrom the quoted line\n"))
        #expect(text.contains("\n>From double quoted\n"))
        #expect(text.contains("\nFrom inside the body"))
        #expect(MailMessage(parsing: messages[2].bytes).messageID == "m3@example.com")
    }

    @Test func mboxoUnquotesOnlySingleQuote() throws {
        var splitter = MboxSplitter(variant: .mboxo)
        splitter.append(Array("From a\n\n>From x\n>>From y\n".utf8)[...])
        splitter.finish()
        let next = splitter.next()
        let message = try #require(next)
        #expect(String(decoding: message.bytes, as: UTF8.self) == "\nFrom x\n>>From y\n")
    }

    /// Splitting must not depend on where chunks end.
    @Test(arguments: [1, 2, 3, 7, 64])
    func chunkBoundariesDoNotMatter(chunk: Int) throws {
        let bytes = try Fixture.bytes("sample.mbox")
        var splitter = MboxSplitter()
        var subjects: [String?] = []
        var start = 0
        while start < bytes.count {
            splitter.append(bytes[start..<min(bytes.count, start + chunk)])
            while let message = splitter.next() { subjects.append(MailMessage(parsing: message.bytes).subject) }
            start += chunk
        }
        splitter.finish()
        while let message = splitter.next() { subjects.append(MailMessage(parsing: message.bytes).subject) }
        #expect(subjects == ["first", "second", "third"])
    }

    @Test func crlfMbox() throws {
        var splitter = MboxSplitter()
        splitter.append(Array("From a\r\nSubject: one\r\n\r\nx\r\n\r\nFrom b\r\nSubject: two\r\n\r\ny\r\n".utf8)[...])
        splitter.finish()
        var subjects: [String?] = []
        while let message = splitter.next() { subjects.append(MailMessage(parsing: message.bytes).subject) }
        #expect(subjects == ["one", "two"])
    }

    @Test func oversizedMessageIsTruncatedWithBoundedBuffer() throws {
        var splitter = MboxSplitter(maxMessageBytes: 4096)
        splitter.append(Array("From a\nSubject: big\n\n".utf8)[...])
        var emitted: [MboxMessage] = []
        let line = Array(repeating: UInt8(ascii: "x"), count: 99) + [0x0A]
        for _ in 0..<1_000 {
            splitter.append(line[...])
            while let message = splitter.next() { emitted.append(message) }
        }
        splitter.append(Array("\nFrom b\nSubject: small\n\nok\n".utf8)[...])
        splitter.finish()
        while let message = splitter.next() { emitted.append(message) }
        #expect(emitted.count == 2)
        #expect(emitted[0].truncated)
        #expect(emitted[0].bytes.count <= 4096)
        #expect(emitted[0].originalLength > 100_000)
        #expect(MailMessage(parsing: emitted[0].bytes).subject == "big")
        #expect(MailMessage(parsing: emitted[1].bytes).subject == "small")
    }

    @Test func fileWithoutEnvelopeIsOneMessage() throws {
        var splitter = MboxSplitter()
        splitter.append(Array("Subject: lone\n\nbody\n".utf8)[...])
        splitter.finish()
        let next = splitter.next()
        let message = try #require(next)
        #expect(message.envelope == nil)
        let after = splitter.next()
        #expect(after == nil)
    }
}
