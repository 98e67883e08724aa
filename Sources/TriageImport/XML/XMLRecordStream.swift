import Foundation

/// Streams the record elements of an XML file (`tickets/ticket`) as small trees, one at a time.
///
/// Memory stays bounded by one record: libxml2's reader frees what it has passed, and a record larger than
/// the cap is skipped (and reported) without being kept.
struct XMLRecordStream {
    /// What the stream hands over for each record element.
    enum Item {
        case record(XMLTreeElement)
        /// The record at this line was skipped: it exceeded the size cap.
        case oversized(line: Int)
    }

    let url: URL
    let recordPath: [String]
    let limits: XMLLimits
    let maxRecordBytes: Int

    /// - Parameter recordPath: element names from the document element down to the record element
    ///   (`["tickets", "ticket"]`); empty means every child of the document element.
    init(url: URL, recordPath: [String], limits: XMLLimits, maxRecordBytes: Int) {
        self.url = url
        self.recordPath = recordPath
        self.limits = limits
        self.maxRecordBytes = limits.maxRecordBytes ?? maxRecordBytes
    }

    /// Reads the file and calls `body` for each record in order; throws what the reader throws.
    func forEach(diagnostics: any DiagnosticSink, _ body: (Item) throws -> Void) throws {
        let reader = try XMLStreamReader(url: url, limits: limits, diagnostics: diagnostics)
        var path: [String] = []
        let recordDepth = recordPath.isEmpty ? 1 : recordPath.count - 1
        while try reader.read() {
            guard reader.nodeType == .element else { continue }
            let depth = reader.depth
            if depth > recordDepth { continue }
            path.removeSubrange(min(depth, path.count)...)
            path.append(reader.localName)
            let isRecord = recordPath.isEmpty ? depth == 1 : path == recordPath
            if isRecord { try body(readRecord(from: reader)) }
        }
    }

    /// Builds the element the reader is on, with everything inside it; leaves the reader on its end.
    private func readRecord(from reader: XMLStreamReader) throws -> Item {
        let startLine = reader.line
        let root = XMLTreeElement(name: reader.localName, attributes: reader.attributes(), line: startLine)
        if reader.isEmptyElement { return .record(root) }
        var stack = [root]
        var budget = maxRecordBytes - root.name.utf8.count
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                let element = XMLTreeElement(name: reader.localName, attributes: reader.attributes(), line: reader.line)
                budget -= element.name.utf8.count + 16
                for attribute in element.attributes { budget -= attribute.name.utf8.count + attribute.value.utf8.count }
                if reader.isEmptyElement { stack[stack.count - 1].children.append(element) } else { stack.append(element) }
            case .text, .cdata, .significantWhitespace:
                let text = reader.value
                budget -= text.utf8.count
                if budget >= 0 { stack[stack.count - 1].text += text }
            case .endElement:
                let finished = stack.removeLast()
                if stack.isEmpty { return budget < 0 ? .oversized(line: startLine) : .record(finished) }
                if budget >= 0 { stack[stack.count - 1].children.append(finished) }
            default:
                continue
            }
            if budget < 0 && stack.count > 1 {
                // Keep only the path of open elements, emptied, so memory stays flat until the record ends.
                for index in stack.indices {
                    stack[index].children.removeAll()
                    stack[index].text = ""
                }
            }
        }
        throw XMLDocumentBroken(file: url.path, line: startLine, column: nil,
                                message: "the document ended inside the record that starts here")
    }
}
