import ArgumentParser
import Foundation
import TriageImport
import TriageModel

/// `triage-bench xml`: generates a Zendesk legacy export and streams it through `ZendeskXMLImporter`.
///
/// Reports tickets per second without HTML bodies (target ≥ 15,000/s), the rate when every comment carries
/// an HTML body (converted with `HTMLToText`), and the peak resident memory (VmHWM; target ≤ 200 MB).
struct XMLBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml",
        abstract: "Zendesk legacy XML import: tickets/s with and without HTML bodies, peak RSS.",
        discussion: "Example: triage-bench xml --size-mb 1024 --out /tmp/xml-bench"
    )

    @Option(help: "Tickets to generate for the plain run (0: as many as --size-mb needs).")
    var tickets = 0

    @Option(help: "Size of the plain export to generate, in MB, when --tickets is 0.")
    var sizeMb = 1024

    @Option(help: "Tickets in the export with HTML bodies (0: a tenth of the plain run).")
    var htmlTickets = 0

    @Option(help: "Folder for the generated exports (created; files are overwritten).")
    var out = "/tmp/triage-xml-bench"

    @Flag(help: "Keep the generated files instead of deleting them at the end.")
    var keep = false

    @Option(help: "Import this existing Zendesk tickets.xml instead of generating exports (companions next to it).")
    var input: String?

    func run() throws {
        if let input {
            let url = URL(fileURLWithPath: input)
            let result = try Self.importAll(url)
            let bytes = Double(Self.size(of: url)) / 1_048_576
            print(String(format: "%@: %d tickets, %d messages in %.2f s = %.0f tickets/s, %.1f MB/s (CPU %.2f s = %.0f tickets per CPU-second), %d diagnostics",
                         url.lastPathComponent, result.tickets, result.messages, result.seconds,
                         Double(result.tickets) / result.seconds, bytes / result.seconds, result.cpu,
                         Double(result.tickets) / result.cpu, result.diagnostics))
            print("peak RSS (VmHWM): \(Self.peakRSS())")
            return
        }
        let folder = URL(fileURLWithPath: out)
        let plainFolder = folder.appendingPathComponent("plain")
        let htmlFolder = folder.appendingPathComponent("html")
        for path in [plainFolder, htmlFolder] {
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        }
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }

        var generator = ZendeskExportGenerator()
        let plainCount = try generator.write(to: plainFolder, tickets: tickets, targetBytes: Int64(sizeMb) << 20, html: false)
        let htmlCount = try generator.write(to: htmlFolder, tickets: htmlTickets > 0 ? htmlTickets : max(plainCount / 10, 1),
                                            targetBytes: 0, html: true)
        print("generated \(plainCount) tickets (\(Self.megabytes(plainFolder))) and \(htmlCount) with HTML bodies (\(Self.megabytes(htmlFolder)))")
        print("peak RSS after generating: \(Self.peakRSS())")

        for (name, path) in [("plain bodies", plainFolder), ("HTML bodies", htmlFolder)] {
            let result = try Self.importAll(path.appendingPathComponent("tickets.xml"))
            let bytes = Double(Self.size(of: path.appendingPathComponent("tickets.xml"))) / 1_048_576
            print(String(format: "%@: %d tickets, %d messages in %.2f s = %.0f tickets/s, %.1f MB/s (CPU %.2f s = %.0f tickets per CPU-second), %d diagnostics",
                         name, result.tickets, result.messages, result.seconds, Double(result.tickets) / result.seconds,
                         bytes / result.seconds, result.cpu, Double(result.tickets) / result.cpu, result.diagnostics))
        }
        print("peak RSS (VmHWM): \(Self.peakRSS())")
    }

    private static func importAll(_ url: URL) throws -> (tickets: Int, messages: Int, seconds: Double, cpu: Double, diagnostics: Int) {
        let diagnostics = DiagnosticCollector(limit: 100)
        var tickets = 0
        var messages = 0
        var check = 0
        let start = Date()
        let cpuStart = cpuSeconds()
        try ZendeskXMLImporter().read(url, options: ImportOptions(), diagnostics: diagnostics) { record in
            tickets += 1
            messages += record.ticket.messages.count
            check &+= record.ticket.messages.last?.text.utf8.count ?? 0
        }
        let seconds = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpuStart
        if check == 0 { print("warning: no message text was read") }
        return (tickets, messages, seconds, cpu, diagnostics.count)
    }

    /// CPU time of this process (user + system); the import runs on one thread, so this is its cost
    /// independent of other load on the machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    static func peakRSS() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "unknown" }
        return line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
    }

    private static func size(of url: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    private static func megabytes(_ folder: URL) -> String {
        String(format: "%.0f MB", Double(size(of: folder.appendingPathComponent("tickets.xml"))) / 1_048_576)
    }
}
