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
    /// Undeclared 8-bit text is read in the likeliest of `undeclaredCandidates` (see `CharsetDetector`).
    public func decodedText(ofPart index: Int, defects: inout [MailDefect],
                            undeclaredCandidates: [String] = CharsetDetector.defaultCandidates) -> String {
        charsetDecoded(decodedBody(ofPart: index, defects: &defects), ofPart: index, defects: &defects,
                       undeclaredCandidates: undeclaredCandidates)
    }

    /// `bytes` (part `index`'s decoded body) as text in the part's charset.
    func charsetDecoded(_ bytes: [UInt8], ofPart index: Int, defects: inout [MailDefect],
                        undeclaredCandidates: [String]) -> String {
        var charset = parts[index].contentType.charset
        if charset == nil, parts[index].contentType.value == "text/html" {
            // An HTML part whose header names no charset may declare it in a <meta> tag.
            charset = HTMLCharset.sniff(bytes)
        }
        let (text, defect) = Charset.decode(bytes, charset: charset, undeclaredCandidates: undeclaredCandidates)
        if let defect {
            let part = parts[index]
            defects.append(MailDefect(defect.kind, "\(part.path.isEmpty ? "message" : "part \(part.path)"): \(defect.detail)"))
        }
        return text
    }

    /// The message carried by a `message/rfc822` (or `message/global`) part. A part sent as 7bit/8bit/binary is
    /// parsed in place (its message is the part's child); one sent base64 or quoted-printable is decoded and
    /// parsed here. `nil` for other parts or an empty body.
    public func embeddedMessage(ofPart index: Int) -> MailMessage? {
        let part = parts[index]
        guard part.contentType.value == "message/rfc822" || part.contentType.value == "message/global",
              !part.bodyRange.isEmpty else { return nil }
        var ignored: [MailDefect] = []
        if !part.children.isEmpty { return MailMessage(parsing: Array(raw[part.bodyRange])) }
        let bytes = decodedBody(ofPart: index, defects: &ignored)
        return bytes.isEmpty ? nil : MailMessage(parsing: bytes)
    }

    /// Text, HTML and attachments of the message (embedded messages count as attachments, not body).
    ///
    /// What is body and what is attachment (the rule the reference parsers agree on):
    /// - a `text/plain` or `text/html` leaf is body unless it has `Content-Disposition: attachment` or a file
    ///   name (`filename=` or `name=`), inline or not; a message that is a single text part is body unless it
    ///   is marked `attachment`; a plain part shown inline under a file name is an attachment, and also the
    ///   text when the message has no other plain text;
    /// - the first plain part is the text, the first HTML part the HTML; in a `multipart/alternative` only the
    ///   first plain part counts, elsewhere further unnamed inline plain parts (list footers, split bodies) are
    ///   appended to the text;
    /// - uuencoded files (`begin 644 name` … `end`) inside a plain body are attachments and leave the text;
    /// - the signature of a `multipart/signed` (`application/pgp-signature`, `…pkcs7-signature`) is neither;
    /// - an embedded message (`message/rfc822`, also when the whole message is one) is one attachment named
    ///   after its subject; every other leaf is an attachment.
    ///
    /// - Parameters:
    ///   - keepingAttachmentBytesUpTo: keep the decoded bytes of attachments up to this size (0: none).
    ///   - undeclaredCharsets: candidates for 8-bit text that declares no charset, in order of preference.
    public func content(keepingAttachmentBytesUpTo limit: Int = 0,
                        undeclaredCharsets: [String] = CharsetDetector.defaultCandidates) -> MailContent {
        var content = MailContent()
        var defects: [MailDefect] = []
        var texts: [String] = []
        // The first plain part shown inline under a file name: the text when the message has no other.
        var namedInlineText: Int?
        // Iterative pre-order walk that does not enter embedded messages.
        var stack = [0]
        while let index = stack.popLast() {
            let part = parts[index]
            let type = part.contentType
            if type.value == "message/rfc822" || type.value == "message/global" {
                let embedded = part.children.isEmpty ? embeddedMessage(ofPart: index) : nil
                let embeddedSubject = part.children.first.flatMap { parts[$0].headers.text("Subject") } ?? embedded?.subject
                let name = part.filename ?? embeddedSubject.map { $0.isEmpty ? "message.eml" : "\($0).eml" } ?? "message.eml"
                content.attachments.append(MailAttachment(filename: name, contentType: type.value,
                                                          size: embedded?.raw.count ?? part.bodyRange.count, path: part.path))
                continue
            }
            if !part.children.isEmpty {
                stack.append(contentsOf: part.children.reversed())
                continue
            }
            if type.isMultipart || isSignature(index) { continue }
            let isText = type.value == "text/plain" || type.value == "text/html"
            let bodyCandidate = isText && part.disposition?.value != "attachment" && (part.filename == nil || index == 0)
            if bodyCandidate {
                if type.value == "text/html" {
                    if content.html == nil { content.html = decodedText(ofPart: index, defects: &defects, undeclaredCandidates: undeclaredCharsets) }
                    continue
                }
                let inAlternative = part.parent.map { parts[$0].contentType.value == "multipart/alternative" } ?? false
                if texts.isEmpty || !inAlternative {
                    var bytes = decodedBody(ofPart: index, defects: &defects)
                    for block in Uuencode.extractBlocks(&bytes) {
                        content.attachments.append(MailAttachment(
                            filename: block.filename, contentType: "application/octet-stream", size: block.data.count,
                            data: limit > 0 && block.data.count <= limit ? block.data : nil, path: part.path))
                    }
                    texts.append(charsetDecoded(bytes, ofPart: index, defects: &defects, undeclaredCandidates: undeclaredCharsets))
                }
                continue
            }
            if index == 0, type.type == "text", part.disposition?.value != "attachment" {
                texts.append(decodedText(ofPart: index, defects: &defects, undeclaredCandidates: undeclaredCharsets))
                continue
            }
            if type.value == "text/plain", part.disposition?.value != "attachment", namedInlineText == nil {
                namedInlineText = index
            }
            let bytes = decodedBody(ofPart: index, defects: &defects)
            content.attachments.append(MailAttachment(
                filename: part.filename, contentType: type.value, size: bytes.count,
                data: limit > 0 && bytes.count <= limit ? bytes : nil, path: part.path))
        }
        if texts.isEmpty, let index = namedInlineText {
            var ignored: [MailDefect] = []
            texts.append(decodedText(ofPart: index, defects: &ignored, undeclaredCandidates: undeclaredCharsets))
        }
        if !texts.isEmpty { content.text = texts.joined(separator: "\n\n") }
        content.defects = defects
        return content
    }

    /// Whether part `index` is the signature of a `multipart/signed` (its second child, a signature type).
    private func isSignature(_ index: Int) -> Bool {
        guard let parent = parts[index].parent, parts[parent].contentType.value == "multipart/signed",
              parts[parent].children.count == 2, parts[parent].children[1] == index else { return false }
        let type = parts[index].contentType.value
        return type.hasSuffix("pgp-signature") || type.hasSuffix("pkcs7-signature")
    }
}
