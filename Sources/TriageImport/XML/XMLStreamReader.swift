import CLibXML2
import Foundation
import TriageModel

/// A forward-only pull reader over libxml2's `xmlTextReader`, with safe options and caps.
///
/// Only `XML_PARSE_NONET`, `NOBLANKS`, `COMPACT` and `BIG_LINES` are set: entities are never substituted, no DTD
/// is loaded or validated, no XInclude runs. A DOCTYPE that declares entities, any entity reference, and nesting
/// or attribute counts over ``XMLLimits`` end the read with ``ImportError/refused(file:line:reason:)``.
/// libxml2's own messages go to a per-reader handler and come out as diagnostics; libxml2 prints nothing.
final class XMLStreamReader {
    /// Node kinds of `xmlReaderTypes` the importers care about.
    enum NodeType: Int32 {
        case element = 1, text = 3, cdata = 4, entityReference = 5, entity = 6, processingInstruction = 7
        case comment = 8, document = 9, documentType = 10, whitespace = 13, significantWhitespace = 14
        case endElement = 15, endEntity = 16, xmlDeclaration = 17, other = -1
    }

    let fileName: String
    let limits: XMLLimits
    private let diagnostics: any DiagnosticSink
    private let input: XMLInputSource
    private let errors = XMLErrorCapture()
    private let reader: xmlTextReaderPtr
    /// Element names by libxml2's interned pointer, so each distinct name becomes a Swift string once.
    private var nameCache: [UnsafeRawPointer: String] = [:]

    /// The options every reader uses; see the type's documentation for why no other option is ever set.
    static let parserOptions: Int32 = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_BIG_LINES.rawValue)

    /// Opens `url`; throws ``ImportError/unreadable(file:reason:)`` when the file cannot be opened.
    init(url: URL, limits: XMLLimits, diagnostics: any DiagnosticSink) throws {
        XMLStreamReader.prepareLibrary()
        fileName = url.path
        self.limits = limits
        self.diagnostics = diagnostics
        input = try XMLInputSource(path: url.path, displayName: url.path, limit: limits.maxInputBytes,
                                   maxAttributes: limits.maxAttributes)
        let context = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(XMLInputSource.readCallback, nil, context, url.path, nil,
                                          XMLStreamReader.parserOptions) else {
            throw ImportError.unreadable(file: url.path, reason: "libxml2 could not start reading the file")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, XMLErrorCapture.callback,
                                               Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Initialises libxml2 once and silences its global handlers on the calling thread.
    static func prepareLibrary() {
        _ = initialised
        tt_xml_harden_thread()
    }

    private static let initialised: Void = xmlInitParser()

    // MARK: - Moving

    /// Moves to the next node; `false` at the end of the document. Throws when the document is refused or broken.
    func read() throws -> Bool {
        let status = xmlTextReaderRead(reader)
        if errors.hasFresh { reportRecoverableMessages() }
        if status == 1 {
            try checkCurrentNode()
            return true
        }
        if status == 0 && !input.exceededLimit && !input.exceededAttributes { return false }
        throw failure()
    }

    private func checkCurrentNode() throws {
        switch nodeType {
        case .documentType:
            // The node's own document pointer: xmlTextReaderCurrentDoc would make the reader keep the tree.
            let doc = xmlTextReaderCurrentNode(reader)?.pointee.doc
            if tt_xml_doc_declares_entities(doc) != 0 {
                throw ImportError.refused(file: fileName, line: line, reason: Self.entityRefusal)
            }
            if tt_xml_doc_has_external_dtd(doc) != 0 {
                diagnostics.report(ImportDiagnostic(severity: .warning, file: fileName, line: line, message:
                    "the DOCTYPE names an external DTD; it was not loaded (external files and URLs are never read)"))
            }
        case .entityReference:
            throw ImportError.refused(file: fileName, line: line, reason:
                "entity reference `&\(localName);` found; only the predefined entities and character references "
                    + "are accepted")
        case .element:
            let depth = Int(xmlTextReaderDepth(reader)) + 1
            if depth > limits.maxDepth {
                throw ImportError.refused(file: fileName, line: line, reason:
                    "elements nest deeper than \(limits.maxDepth) levels; raise XMLLimits.maxDepth if the file is trusted")
            }
            if Int(xmlTextReaderAttributeCount(reader)) > limits.maxAttributes {
                throw ImportError.refused(file: fileName, line: line, reason:
                    "element <\(localName)> has more than \(limits.maxAttributes) attributes; "
                        + "raise XMLLimits.maxAttributes if the file is trusted")
            }
        default:
            break
        }
    }

    private func reportRecoverableMessages() {
        for message in errors.drain() where !message.isFatal {
            diagnostics.report(ImportDiagnostic(severity: .warning, file: fileName, line: message.line,
                                                column: message.column, message: "XML: \(message.text)"))
        }
    }

    /// The error that ends a read: the cap, an I/O error, or libxml2's first fatal message.
    private func failure() -> any Error {
        if input.exceededLimit {
            return ImportError.refused(file: fileName, line: nil, reason:
                "the file is larger than \(limits.maxInputBytes) bytes; raise XMLLimits.maxInputBytes if it is trusted")
        }
        if input.exceededAttributes {
            return ImportError.refused(file: fileName, line: input.attributeLimitLine, reason:
                "an element has more than \(limits.maxAttributes) attributes; raise XMLLimits.maxAttributes if the file is trusted")
        }
        if errors.sawEntityDeclarations {
            return ImportError.refused(file: fileName, line: errors.firstError?.line, reason: Self.entityRefusal)
        }
        if let limit = errors.messages.first(where: { $0.text.localizedCaseInsensitiveContains("huge") }) {
            return ImportError.refused(file: fileName, line: limit.line, reason:
                "libxml2's size limit was hit (\(limit.text)): a text node over 10,000,000 bytes or a similar giant; "
                    + "the limit is only lifted by XML_PARSE_HUGE, never used on untrusted files. Trim that field and re-export")
        }
        if let code = input.readErrno {
            return ImportError.unreadable(file: fileName, reason: String(cString: strerror(code)))
        }
        let error = errors.firstError
        return XMLDocumentBroken(file: fileName, line: error?.line, column: error?.column,
                                 message: error?.text ?? "libxml2 stopped without saying why")
    }

    static let entityRefusal = "the DOCTYPE declares entities; entity declarations are refused because they enable "
        + "entity-expansion bombs and external-entity reads. Export the file without a DOCTYPE"

    // MARK: - The current node

    var nodeType: NodeType { NodeType(rawValue: xmlTextReaderNodeType(reader)) ?? .other }

    /// Depth of the current node; the document element is 0.
    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The local name (no prefix) of the current node.
    var localName: String {
        guard let raw = xmlTextReaderConstLocalName(reader) else { return "" }
        let key = UnsafeRawPointer(raw)
        if let cached = nameCache[key] { return cached }
        let name = String(cString: raw)
        nameCache[key] = name
        return name
    }

    /// The text of a text, CDATA or whitespace node.
    var value: String {
        guard let raw = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: raw)
    }

    /// 1-based line of the current node; past line 65535 libxml2 may give the parser's position, a little ahead.
    var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let number = xmlGetLineNo(node)
            if number > 0 && number < 65535 { return Int(number) }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// The attributes of the current element, by local name, in document order.
    func attributes() -> [XMLTreeElement.Attribute] {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var result: [XMLTreeElement.Attribute] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            result.append(XMLTreeElement.Attribute(name: localName, value: value))
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }
}
