import Foundation
import Testing
import TriageModel
@testable import TriageImport

@Suite struct JSONRecordScannerTests {
    private func elements(_ json: String, paths: [[String]], chunk: Int, maxBytes: Int = 1 << 20) throws -> [(Int, String, Int)] {
        var scanner = JSONRecordScanner(paths: paths, maxElementBytes: maxBytes)
        var out: [(Int, String, Int)] = []
        let bytes = Array(json.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try bytes[start..<end].withUnsafeBytes { buffer in
                try scanner.feed(buffer) { event in
                    if case let .element(e) = event { out.append((e.pathIndex, String(decoding: e.bytes, as: UTF8.self), e.line)) }
                    if case let .tooLarge(p, line, _, _) = event { out.append((p, "TOO LARGE", line)) }
                }
            }
            start = end
        }
        #expect(scanner.isComplete)
        return out
    }

    static let document = """
        {"meta": {"tickets": ["not this one"]},
         "tickets": [
           {"id": 1, "subject": "Brackets ] and } in \\"strings\\" [", "tags": ["a", "b"]},
           {"id": 2, "nested": {"tickets": [{"id": 99}]}}
         ],
         "users": [{"id": 7, "name": "Ünïcødé"}]}
        """

    @Test(arguments: [1, 2, 7, 4096])
    func findsElementsAtTheirPathWhateverTheChunking(chunk: Int) throws {
        let found = try elements(Self.document, paths: [["tickets"], ["users"]], chunk: chunk)
        #expect(found.map(\.0) == [0, 0, 1])
        #expect(found[0].1 == #"{"id": 1, "subject": "Brackets ] and } in \"strings\" [", "tags": ["a", "b"]}"#)
        #expect(found[1].1.contains("\"nested\""))
        #expect(found[2].1.contains("Ünïcødé"))
        #expect(found.map(\.2) == [3, 4, 6])
        let parsed = try JSONSerialization.jsonObject(with: Data(found[0].1.utf8)) as? [String: Any]
        #expect(parsed?["id"] as? Int == 1)
    }

    @Test func topLevelArrayIsThePathWithNoKeys() throws {
        let found = try elements(#"[{"a":1},{"a":[2,3]}, {"a":"]"}]"#, paths: [[]], chunk: 3)
        #expect(found.map(\.1) == [#"{"a":1}"#, #"{"a":[2,3]}"#, #"{"a":"]"}"#])
    }

    @Test func oversizedElementIsReportedNotBuffered() throws {
        let big = String(repeating: "x", count: 500)
        let found = try elements(#"{"tickets":[{"a":"\#(big)"},{"a":1}]}"#, paths: [["tickets"]], chunk: 64, maxBytes: 100)
        #expect(found.map(\.1) == ["TOO LARGE", #"{"a":1}"#])
    }
}

@Suite struct LineSplitterTests {
    @Test func splitsLFAndCRLFWithNumbersAndOffsets() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("x.jsonl", "one\r\ntwo\n\nfour")
        var lines: [(Int, Int64, String)] = []
        try LineSplitter(maxLineBytes: 100).lines(of: try ByteChunkReader(path: file.path, chunkSize: 2)) { line in
            if case let .line(n, offset, bytes) = line { lines.append((n, offset, String(decoding: bytes, as: UTF8.self))) }
        }
        #expect(lines.map(\.2) == ["one", "two", "", "four"])
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines.map(\.1) == [0, 5, 9, 10])
    }

    @Test func overlongLineIsReported() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("x.jsonl", "short\n" + String(repeating: "y", count: 300) + "\nafter\n")
        var seen: [String] = []
        try LineSplitter(maxLineBytes: 100).lines(of: try ByteChunkReader(path: file.path, chunkSize: 7)) { line in
            switch line {
            case let .line(n, _, bytes): seen.append("\(n):\(String(decoding: bytes, as: UTF8.self))")
            case let .tooLong(n, length): seen.append("\(n):too long \(length)")
            }
        }
        #expect(seen == ["1:short", "2:too long 300", "3:after"])
    }
}
