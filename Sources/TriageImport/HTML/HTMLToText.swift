import CLibXML2
import Foundation

/// Turns an HTML body into readable plain text, with libxml2's HTML parser.
///
/// Scripts, styles and the head are dropped; blocks end lines (paragraphs and headings leave a blank line);
/// `<br>` breaks a line; list items read `- item` (`1. item` in ordered lists, indented when nested); table
/// cells are joined with ` | `, one row per line; a link reads `text (url)` when the URL differs from its text;
/// entities are decoded; whitespace collapses except inside `<pre>`. The parser never touches the network
/// and recovers from any garbage; the walk is iterative, so deep nesting cannot overflow the stack.
public enum HTMLToText {
    /// Readable text of `html`: scripts and styles dropped, links kept as text, entities decoded.
    public static func convert(_ html: String) -> String {
        if !html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) {
            return collapseOnly(html)
        }
        XMLStreamReader.prepareLibrary()
        var source = html
        let document: htmlDocPtr? = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", parserOptions)
            }
        }
        guard let document else { return collapseOnly(html) }
        defer { xmlFreeDoc(document) }
        var walker = HTMLTextWalk(capacity: html.utf8.count)
        walker.walk(from: xmlDocGetRootElement(document))
        return walker.writer.finish()
    }

    /// `NONET | NOERROR | NOWARNING | RECOVER | NODEFDTD | COMPACT | IGNORE_ENC`: the body is already UTF-8.
    static let parserOptions: Int32 = Int32(bitPattern:
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_COMPACT.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    private static func collapseOnly(_ text: String) -> String {
        var writer = HTMLTextWriter(capacity: text.utf8.count)
        var copy = text
        copy.withUTF8 { writer.text($0) }
        return writer.finish()
    }
}
