import Foundation
import MailParser
import Testing
import TriageImport
import TriageModel

/// Bounded mutation fuzzing of the mail path an import runs: parse, decode (charsets, transfer encodings,
/// encoded words, nested `message/rfc822`), build the ticket (reply trimming, threading hints) and split mboxes.
/// Seeded and deterministic; every mutant must come back with a ticket (no trap, no endless loop: the test would
/// never finish) whose sizes stay proportional to the input. The open-ended libFuzzer run is `Fuzz/run.sh`.
@Suite struct MailFuzzTests {
    /// Hand-written seeds for what the fixtures do not cover.
    static let seeds: [String] = [
        """
        From: =?iso-8859-1?Q?J=F6rg_M=FCller?= <j@example.de>
        To: "Support" <support@acme.example>, undisclosed-recipients:;
        Subject: =?iso-8859-1?Q?Die_Hasen_und_die_Fr=F6sche?= =?utf-8?B?w6TDtsO8?=
        Message-ID: no-brackets@example.de
        References: <a@x> <b@x>
        In-Reply-To: <b@x>
        Date: Mon, 3 Nov 2025 10:00:00 +0100
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain; charset=utf-16le
        Content-Transfer-Encoding: base64

        VABlAHMAdAAgAHQAZQB4AHQA
        --inner
        Content-Type: text/html; charset=koi8-r
        Content-Transfer-Encoding: quoted-printable

        <p>=F0=D2=C9=D7=C5=D4 <b>mir</b></p>=
        --inner--
        --outer
        Content-Type: message/rfc822
        Content-Transfer-Encoding: base64

        RnJvbTogYUBleGFtcGxlLmNvbQpTdWJqZWN0OiBpbm5lcgoKYm9keQo=
        --outer
        Content-Type: text/plain; name="notes.txt"
        Content-Disposition: attachment; filename*=UTF-8''n%C3%B6tes.txt

        attached text
        --outer--
        """,
        """
        From MAILER-DAEMON Mon Nov  3 10:00:00 2025
        From: a@example.com
        Subject: first
        Content-Length: 12

        From inside
        From b@example.com Mon Nov  3 10:01:00 2025
        From: b@example.com
        Subject: Re: first
        In-Reply-To: <first@example.com>

        > quoted
        On Mon, 3 Nov 2025, a@example.com wrote:
        > From old
        -- 
        sig
        """,
    ]

    static func fixtureSeeds() throws -> [[UInt8]] {
        let folder = try EmailFixture.folder()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var seeds = try names.map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
        seeds += Self.seeds.map { Array($0.utf8) }
        return seeds
    }

    /// One random edit: flip, insert or delete bytes, duplicate or drop a run, splice in a MIME token, truncate.
    static func mutate(_ input: [UInt8], _ random: inout XMLFuzzRandom) -> [UInt8] {
        var bytes = input
        let tokens = ["\n\n", "--", "=?", "?=", "=?utf-8?B?", "=?x?Q?", "\r\n", "boundary=", "Content-Type: multipart/mixed; boundary=b\n",
                      "--b\n", "Content-Transfer-Encoding: base64\n", "Content-Type: message/rfc822\n\n", "\nFrom x\n", "=\n", "=F",
                      "charset=utf-16", ";", "\"", "<", ">", "\u{0}", "\u{FF}", "\\", "\t "]
        for _ in 0..<(1 + random.next(below: 4)) {
            let at = bytes.isEmpty ? 0 : random.next(below: bytes.count)
            switch random.next(below: 7) {
            case 0 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.next(below: 64)))
            case 3 where !bytes.isEmpty:
                let run = Array(bytes[at..<min(bytes.count, at + 1 + random.next(below: 256))])
                bytes.insert(contentsOf: run, at: random.next(below: bytes.count))
            case 4: bytes.insert(contentsOf: Array(tokens[random.next(below: tokens.count)].utf8), at: at)
            case 5: bytes = Array(bytes.prefix(at))
            default: bytes.insert(contentsOf: Array("=?iso-8859-1?Q?\u{E9}t\u{E9}_=E9?=".utf8), at: at)
            }
        }
        return bytes
    }

    @Test func mutatedMessagesAlwaysBuildATicket() throws {
        let seeds = try Self.fixtureSeeds()
        #expect(seeds.count >= 9)
        let builder = MailTicketBuilder(options: ImportOptions(teamAddresses: ["support@acme.example"]))
        var random = XMLFuzzRandom(seed: 0x6D61_696C)
        var built = 0
        for round in 0..<1_500 {
            var bytes = seeds[round % seeds.count]
            for _ in 0...(round % 3) { bytes = Self.mutate(bytes, &random) }
            let message = MailMessage(parsing: bytes, limits: MailParseLimits(maxParts: 500))
            let (ticket, _) = builder.ticket(from: message)
            built += 1
            #expect(ticket.messages.count == 1)
            #expect(!ticket.externalID.isEmpty)
            // Decoding never inflates past what the bytes can hold (UTF-16 to UTF-8 at most ×1.5, plus markers).
            let text = ticket.messages.first?.text.utf8.count ?? 0
            #expect(text <= 3 * bytes.count + 64, "round \(round): \(text) bytes of text from \(bytes.count) bytes")
            #expect(ticket.subject.utf8.count <= 3 * bytes.count + 64)
        }
        #expect(built == 1_500)
    }

    @Test func mutatedMailboxesSplitIntoBoundedMessages() throws {
        let seeds = try Self.fixtureSeeds()
        var random = XMLFuzzRandom(seed: 0x6D62_6F78)
        for round in 0..<300 {
            // Several mutated messages joined as an mbox, with and without a blank line before "From ".
            var box: [UInt8] = []
            for part in 0..<(1 + round % 4) {
                box += Array("From sender@example.com Mon Nov  3 10:0\(part):00 2025\n".utf8)
                box += Self.mutate(seeds[(round + part) % seeds.count], &random)
                if random.next(below: 2) == 0 { box += [0x0A] }
            }
            var splitter = MboxSplitter()
            splitter.append(box[...])
            var total = 0
            var count = 0
            while let message = splitter.next() { total += message.bytes.count; count += 1 }
            splitter.finish()
            while let message = splitter.next() { total += message.bytes.count; count += 1 }
            #expect(count >= 1, "round \(round)")
            #expect(total <= box.count, "round \(round): messages hold more bytes than the mailbox")
        }
    }
}
