extension MailMessage {
    /// The decoded bytes of part `index`'s body (transfer encoding undone); problems go to `defects`.
    public func decodedBody(ofPart index: Int, defects: inout [MailDefect]) -> [UInt8] {
        let part = parts[index]
        let (bytes, defect) = TransferEncoding.decode(raw[part.bodyRange], encoding: part.transferEncoding)
        if let defect {
            defects.append(MailDefect(defect.kind, "\(part.path.isEmpty ? "message" : "part \(part.path)"): \(defect.detail)"))
        }
        return bytes
    }

    /// The text of part `index`: transfer encoding undone, charset decoded (for HTML without a charset parameter,
    /// the charset its `<meta>` tag declares).
    public func decodedText(ofPart index: Int, defects: inout [MailDefect]) -> String {
        let bytes = decodedBody(ofPart: index, defects: &defects)
        var charset = parts[index].contentType.charset
        if charset == nil, parts[index].contentType.value == "text/html" {
            // An HTML part whose header names no charset may declare it in a <meta> tag.
            charset = HTMLCharset.sniff(bytes)
        }
        let (text, defect) = Charset.decode(bytes, charset: charset)
        if let defect {
            let part = parts[index]
            defects.append(MailDefect(defect.kind, "\(part.path.isEmpty ? "message" : "part \(part.path)"): \(defect.detail)"))
        }
        return text
    }

    /// Text, HTML and attachments of the message (embedded messages count as attachments, not body).
    ///
    /// - Parameter keepingAttachmentBytesUpTo: keep the decoded bytes of attachments up to this size (0: none).
    public func content(keepingAttachmentBytesUpTo limit: Int = 0) -> MailContent {
        var content = MailContent()
        var defects: [MailDefect] = []
        var texts: [String] = []
        // Iterative pre-order walk that does not enter embedded messages.
        var stack = [0]
        while let index = stack.popLast() {
            let part = parts[index]
            let type = part.contentType
            if type.value == "message/rfc822" || type.value == "message/global" {
                if index != 0 {
                    let embeddedSubject = part.children.first.flatMap { parts[$0].headers.text("Subject") }
                    let name = part.filename ?? embeddedSubject.map { $0.isEmpty ? "message.eml" : "\($0).eml" } ?? "message.eml"
                    content.attachments.append(MailAttachment(filename: name, contentType: type.value,
                                                              size: part.bodyRange.count, path: part.path))
                    continue
                }
            }
            if !part.children.isEmpty {
                stack.append(contentsOf: part.children.reversed())
                continue
            }
            if type.isMultipart { continue }
            let isText = type.value == "text/plain" || type.value == "text/html"
            let bodyCandidate = isText && part.disposition?.value != "attachment"
                && (part.filename == nil || part.disposition?.value == "inline")
            if bodyCandidate {
                if type.value == "text/html" {
                    if content.html == nil { content.html = decodedText(ofPart: index, defects: &defects) }
                    continue
                }
                let inAlternative = part.parent.map { parts[$0].contentType.value == "multipart/alternative" } ?? false
                if texts.isEmpty || !inAlternative {
                    texts.append(decodedText(ofPart: index, defects: &defects))
                }
                continue
            }
            if index == 0, type.type == "text", part.filename == nil {
                texts.append(decodedText(ofPart: index, defects: &defects))
                continue
            }
            let bytes = decodedBody(ofPart: index, defects: &defects)
            content.attachments.append(MailAttachment(
                filename: part.filename, contentType: type.value, size: bytes.count,
                data: limit > 0 && bytes.count <= limit ? bytes : nil, path: part.path))
        }
        if !texts.isEmpty { content.text = texts.joined(separator: "\n\n") }
        content.defects = defects
        return content
    }
}
