import ArgumentParser
import Foundation
import MailParser
import TriageImport
import TriageModel

/// `triage-bench mail`: generates a large mbox and measures how fast it streams through the mail parser
/// and the mbox importer, and the peak memory of doing so.
struct MailBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Generate an mbox (~10 KB/message) and measure parse-only and full-import rates and peak RSS.",
        discussion: """
            Example (release build):
              swift build -c release --product triage-bench
              .build/release/triage-bench mail --messages 100000 --path /tmp/bench.mbox
            """
    )

    @Option(help: "How many messages to generate.")
    var messages = 100_000

    @Option(help: "Where to write the mbox (reused when it exists and --regenerate is not given).")
    var path = "/tmp/triage-bench-mail.mbox"

    @Flag(help: "Write the mbox even when the file exists.")
    var regenerate = false

    @Flag(help: "Skip the full-import pass.")
    var parseOnly = false

    func run() throws {
        let url = URL(fileURLWithPath: path)
        if regenerate || !FileManager.default.fileExists(atPath: path) {
            let started = Date()
            var generator = MailCorpusGenerator(seed: 42)
            let bytes = try generator.write(messages: messages, to: url)
            report("generate", count: messages, seconds: Date().timeIntervalSince(started), extra: "\(bytes / 1_000_000) MB written")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
        print("mbox: \(path), \(size / 1_000_000) MB")

        // Parse only: split the mbox and build every message's MIME tree and main headers.
        ResidentMemory.resetPeak()
        var count = 0
        var defects = 0
        var cpuStarted = ProcessCPU.seconds()
        var started = Date()
        try MboxReader(url: url).forEach { raw in
            let message = MailMessage(parsing: raw.bytes)
            _ = message.subject
            _ = message.from
            _ = message.date
            _ = message.messageID
            defects += message.defects.count
            count += 1
        }
        var seconds = Date().timeIntervalSince(started)
        report("parse-only", count: count, seconds: seconds, cpu: ProcessCPU.seconds() - cpuStarted,
               extra: "\(Int(Double(size) / seconds / 1_000_000)) MB/s, \(defects) defects, peak RSS \(ResidentMemory.peakMB()) MB")

        guard !parseOnly else { return }
        // Full import: tickets built as the importer emits them (bodies decoded, trimmed, attachments hashed).
        ResidentMemory.resetPeak()
        count = 0
        var textBytes = 0
        let diagnostics = DiagnosticCollector(limit: 100)
        cpuStarted = ProcessCPU.seconds()
        started = Date()
        try MboxImporter().read(url, options: ImportOptions(teamAddresses: ["@acme.example"]), diagnostics: diagnostics) { record in
            count += 1
            textBytes += record.ticket.messages.first?.text.utf8.count ?? 0
        }
        seconds = Date().timeIntervalSince(started)
        report("full import", count: count, seconds: seconds, cpu: ProcessCPU.seconds() - cpuStarted,
               extra: "\(textBytes / 1_000_000) MB text, \(diagnostics.count) diagnostics, peak RSS \(ResidentMemory.peakMB()) MB")
    }

    /// Prints wall-clock and CPU-time rates: on a shared machine the CPU-time rate is what the code can do.
    private func report(_ phase: String, count: Int, seconds: Double, cpu: Double? = nil, extra: String) {
        let rate = seconds > 0 ? Int(Double(count) / seconds) : 0
        var line = "\(phase): \(count) messages in \(String(format: "%.2f", seconds)) s wall = \(rate) messages/s"
        if let cpu, cpu > 0 {
            line += " (\(String(format: "%.2f", cpu)) s CPU = \(Int(Double(count) / cpu)) messages/s per core)"
        }
        print(line + "; " + extra)
    }
}

// MARK: - CPU time and memory

/// CPU time used by this process (all threads), so rates can be read on a loaded machine.
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
}

/// Peak resident memory of this process, from `/proc/self/status`.
enum ResidentMemory {
    /// VmHWM in MB, or -1 where `/proc` is not available.
    static func peakMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) / 1024
        }
        return -1
    }

    /// Resets VmHWM to the current RSS (Linux: write 5 to /proc/self/clear_refs), so phases are measured apart.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}

// MARK: - Corpus generator

/// Writes a synthetic but realistic mbox: varied headers (Received chains, DKIM, threading), plain,
/// alternative (quoted-printable HTML) and mixed messages with base64 attachments, ~10 KB each on average.
struct MailCorpusGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    private mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    private static let words = """
        invoice refund charge account password login error export report dashboard order delivery tracking \
        package return replacement subscription plan upgrade seats quote pricing feature request dark mode \
        integration webhook timeout server update yesterday today please help thanks urgent customer team \
        billing card payment receipt cancel renew trial access admin workspace settings security phishing
        """.split(separator: " ").map(String.init)
    private static let names = ["Anna Keller", "Maria Rossi", "Tom Berger", "Li Wei", "Jonas Becker", "Priya Nair",
                                "Omar Haddad", "Grace Lee", "Sven Lindqvist", "Lucía Gómez"]

    private mutating func sentence() -> String {
        var words: [String] = []
        for _ in 0..<(8 + next(10)) { words.append(Self.words[next(Self.words.count)]) }
        return words.joined(separator: " ").capitalizedFirst + "."
    }

    private mutating func paragraph(bytes: Int) -> String {
        var text = ""
        var line = ""
        while text.utf8.count < bytes {
            line += (line.isEmpty ? "" : " ") + sentence()
            if line.utf8.count > 60 {
                text += line + "\n"
                line = ""
            }
        }
        return text + line + "\n"
    }

    /// Writes `messages` messages to `url` in 4 MB batches; returns the bytes written.
    mutating func write(messages: Int, to url: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var batch = ""
        var total = 0
        for index in 1...max(1, messages) {
            batch += message(index)
            if batch.utf8.count > 4 << 20 {
                try handle.write(contentsOf: Data(batch.utf8))
                total += batch.utf8.count
                batch = ""
            }
        }
        try handle.write(contentsOf: Data(batch.utf8))
        return total + batch.utf8.count
    }

    private mutating func message(_ index: Int) -> String {
        let name = Self.names[next(Self.names.count)]
        let address = name.lowercased().replacingOccurrences(of: " ", with: ".").replacingOccurrences(of: "í", with: "i")
            .replacingOccurrences(of: "ó", with: "o") + "@example.com"
        let fromTeam = next(4) == 0
        let from = fromTeam ? "Tom Berger <tom@acme.example>" : "\(name) <\(address)>"
        let day = 1 + index % 28
        let date = "\(["Mon", "Tue", "Wed", "Thu", "Fri"][index % 5]), \(day) Nov 2025 \(10 + index % 12):\(10 + index % 50):00 +0100"
        var headers = "From \(fromTeam ? "tom@acme.example" : address) Mon Nov \(day) 10:00:00 2025\n"
        for hop in 0..<3 {
            headers += "Received: from mx\(hop).example.net (mx\(hop).example.net [192.0.2.\(hop + 10)])\n\tby mail.acme.example with ESMTPS id \(index)A\(hop)\n\tfor <support@acme.example>; \(date)\n"
        }
        headers += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1;\n\th=from:to:subject:date:message-id; bh=\(String(repeating: "Ab9", count: 14))=;\n\tb=\(String(repeating: "QmVuY2htYXJr", count: 28))\n"
        headers += "From: \(from)\nTo: Acme Support <support@acme.example>\n"
        let subject = "\(["", "Re: ", "RE: ", "Fwd: ", "AW: "][next(5)])\(sentence().prefix(50)) [#\(1000 + index / 3)]"
        headers += next(5) == 0 ? "Subject: =?UTF-8?Q?\(subject.replacingOccurrences(of: " ", with: "_"))?=\n" : "Subject: \(subject)\n"
        headers += "Date: \(date)\nMessage-ID: <bench-\(index)@example.com>\n"
        if index > 1, next(2) == 0 {
            headers += "In-Reply-To: <bench-\(index - 1)@example.com>\nReferences: <bench-\(max(1, index - 2))@example.com> <bench-\(index - 1)@example.com>\n"
        }
        headers += "X-Mailer: BenchMail 1.0\nMIME-Version: 1.0\n"

        let text = paragraph(bytes: 2_500 + next(3_000)) + "\n>From the archive: quoted line\n\n-- \n\(name)\n"
        switch next(10) {
        case 0..<3:
            // multipart/mixed with a base64 attachment.
            var attachment = [UInt8](repeating: 0, count: 4_000 + next(4_000))
            for offset in attachment.indices { attachment[offset] = UInt8(truncatingIfNeeded: offset &* 31 &+ index) }
            let encoded = Data(attachment).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
            return headers + "Content-Type: multipart/mixed; boundary=\"mix-\(index)\"\n\n--mix-\(index)\nContent-Type: text/plain; charset=utf-8\n\n"
                + text + "--mix-\(index)\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice-\(index).pdf\"\nContent-Transfer-Encoding: base64\n\n"
                + encoded + "\n--mix-\(index)--\n\n"
        case 3..<5:
            // multipart/alternative with quoted-printable HTML.
            let html = "<html><body><p>" + text.replacingOccurrences(of: "\n", with: "</p>=\n<p>") + "</p></body></html>"
            return headers + "Content-Type: multipart/alternative; boundary=\"alt-\(index)\"\n\n--alt-\(index)\nContent-Type: text/plain; charset=utf-8\n\n"
                + text + "--alt-\(index)\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                + html + "\n--alt-\(index)--\n\n"
        default:
            return headers + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + paragraph(bytes: 3_000) + "\n"
        }
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
