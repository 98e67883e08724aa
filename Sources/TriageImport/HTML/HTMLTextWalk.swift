import CLibXML2
import Foundation

/// Walks a parsed HTML tree without recursion and feeds an ``HTMLTextWriter``.
struct HTMLTextWalk {
    private struct List {
        var ordered: Bool
        var counter = 0
    }

    private struct OpenLink {
        var mark: Int
        var href: String
    }

    var writer: HTMLTextWriter
    /// Tags by libxml2's interned element-name pointer: each distinct name is classified once.
    private var tags: [UnsafeRawPointer: HTMLTag] = [:]
    private var lists: [List] = []
    /// Cells seen in each open table row (nested tables nest rows).
    private var rowCells: [Int] = []
    private var links: [OpenLink] = []
    private var preformattedDepth = 0

    init(capacity: Int) {
        writer = HTMLTextWriter(capacity: capacity / 2)
    }

    /// Visits `root` and everything below it in document order.
    mutating func walk(from root: xmlNodePtr?) {
        var node = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                descend = enter(current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                emitText(current)
            default:
                break
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            if current.pointee.type == XML_ELEMENT_NODE { leave(current) }
            // Climb until a next sibling exists, leaving each finished element.
            var climbing: xmlNodePtr? = current
            node = nil
            while let up = climbing, up != root {
                if let next = up.pointee.next {
                    node = next
                    break
                }
                climbing = up.pointee.parent
                if let parent = climbing, parent.pointee.type == XML_ELEMENT_NODE { leave(parent) }
            }
        }
    }

    private mutating func tag(of node: xmlNodePtr) -> HTMLTag {
        guard let name = node.pointee.name else { return .inline }
        let key = UnsafeRawPointer(name)
        if let known = tags[key] { return known }
        // libxml2's HTML parser lower-cases element names.
        let tag = HTMLTag.named(String(cString: name))
        tags[key] = tag
        return tag
    }

    /// Opens an element; returns whether its children are visited.
    private mutating func enter(_ node: xmlNodePtr) -> Bool {
        switch tag(of: node) {
        case .skipped:
            return false
        case .block:
            writer.block(1)
        case .paragraph:
            writer.block(2)
        case .lineBreak:
            writer.lineBreak()
        case .unorderedList, .orderedList:
            writer.block(lists.isEmpty ? 2 : 1)
            lists.append(List(ordered: tag(of: node) == .orderedList))
        case .listItem:
            writer.block(1)
            let indent = String(repeating: "  ", count: max(lists.count - 1, 0))
            if lists.isEmpty {
                writer.literal("- ")
            } else {
                lists[lists.count - 1].counter += 1
                let list = lists[lists.count - 1]
                writer.literal(indent + (list.ordered ? "\(list.counter). " : "- "))
            }
        case .tableRow:
            writer.block(1)
            rowCells.append(0)
        case .tableCell:
            if let cells = rowCells.last {
                if cells > 0 { writer.literal(" | ") }
                rowCells[rowCells.count - 1] += 1
            }
        case .link:
            links.append(OpenLink(mark: writer.mark, href: attribute("href", of: node) ?? ""))
        case .preformatted:
            writer.block(2)
            preformattedDepth += 1
        case .inline:
            break
        }
        return true
    }

    private mutating func leave(_ node: xmlNodePtr) {
        switch tag(of: node) {
        case .block, .listItem:
            writer.block(1)
        case .paragraph:
            writer.block(2)
        case .unorderedList, .orderedList:
            if !lists.isEmpty { lists.removeLast() }
            writer.block(lists.isEmpty ? 2 : 1)
        case .tableRow:
            if !rowCells.isEmpty { rowCells.removeLast() }
            writer.block(1)
        case .link:
            guard let link = links.popLast() else { return }
            let href = link.href.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !href.isEmpty, !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") else { return }
            let text = writer.written(since: link.mark)
            let bare = href.replacingOccurrences(of: "mailto:", with: "", options: [.anchored, .caseInsensitive])
            if text != href && text != bare {
                writer.literal(text.isEmpty ? href : " (\(href))")
            }
        case .preformatted:
            preformattedDepth -= 1
            writer.block(2)
        case .skipped, .lineBreak, .tableCell, .inline:
            break
        }
    }

    private mutating func emitText(_ node: xmlNodePtr) {
        guard let content = node.pointee.content else { return }
        let buffer = UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
        if preformattedDepth > 0 { writer.preformatted(buffer) } else { writer.text(buffer) }
    }

    /// The value of attribute `name` of an element, read in place (no allocation by libxml2).
    private func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let attributeName = current.pointee.name, String(cString: attributeName).lowercased() == name {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            property = current.pointee.next
        }
        return nil
    }
}
