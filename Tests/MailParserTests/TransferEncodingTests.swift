import MailParser
import Testing

@Suite struct TransferEncodingTests {
    @Test func base64SkipsLineBreaksAndJunk() {
        let clean = TransferEncoding.decodeBase64(Array("SGVs\r\nbG8=\n".utf8))
        #expect(clean.bytes == Array("Hello".utf8))
        #expect(clean.clean)
        let junk = TransferEncoding.decodeBase64(Array("SGV*sbG8".utf8))
        #expect(junk.bytes == Array("Hello".utf8))
        #expect(!junk.clean)
    }

    @Test func base64StopsAtPaddingAndFlagsWhatFollows() {
        let result = TransferEncoding.decodeBase64(Array("SGk=\nanVuaw==".utf8))
        #expect(result.bytes == Array("Hi".utf8))
        #expect(!result.clean)
        let padded = TransferEncoding.decodeBase64(Array("SGVsbG8=\n\n".utf8))
        #expect(padded.bytes == Array("Hello".utf8))
        #expect(padded.clean)
    }

    @Test func base64WithPartialFinalGroupIsFlagged() {
        let result = TransferEncoding.decodeBase64(Array("SGVsbG8hQ".utf8))
        #expect(result.bytes == Array("Hello!".utf8))
        #expect(!result.clean)
    }

    @Test func quotedPrintableSoftBreaksAndEscapes() {
        let result = TransferEncoding.decodeQuotedPrintable(Array("caf=C3=A9 =\r\nau lait  \nx=3Dy=\n".utf8))
        #expect(String(decoding: result.bytes, as: UTF8.self) == "café au lait\nx=y")
        #expect(result.clean)
    }

    @Test func quotedPrintableKeepsInvalidEscapes() {
        let result = TransferEncoding.decodeQuotedPrintable(Array("100% =ZZ off".utf8))
        #expect(String(decoding: result.bytes, as: UTF8.self) == "100% =ZZ off")
        #expect(!result.clean)
    }

    @Test func unknownEncodingKeepsBytesWithDefect() {
        let result = TransferEncoding.decode(Array("abc".utf8)[...], encoding: "x-strange")
        #expect(result.bytes == Array("abc".utf8))
        #expect(result.defect?.kind == .unknownTransferEncoding)
    }

    @Test func uuencodeBlock() throws {
        // "Cat" uuencoded.
        let text = "hello\nbegin 644 cat.txt\n#0V%T\n`\nend\nafter\n"
        let block = try #require(Uuencode.decodeFirstBlock(Array(text.utf8)))
        #expect(block.filename == "cat.txt")
        #expect(block.data == Array("Cat".utf8))
    }
}
