/// Builds the MIME tree of a message with an explicit work stack (no recursion), within the limits.
enum MIMEParser {
    private struct Pending {
        var range: Range<Int>
        var depth: Int
        var parent: Int?
        var defaultType: ContentType
        var path: String
    }

    static let textPlain = ContentType(value: "text/plain", parameters: ["charset": "us-ascii"])
    static let messageRFC822 = ContentType(value: "message/rfc822")

    static func parse(into message: inout MailMessage, limits: MailParseLimits) {
        var parts: [MIMEPart] = []
        var defects: [MailDefect] = []
        message.raw.withUnsafeBufferPointer { buffer in
            var stack = [Pending(range: 0..<buffer.count, depth: 0, parent: nil, defaultType: textPlain, path: "")]
            var reportedPartCap = false
            while let pending = stack.popLast() {
                let index = parts.count
                let context = pending.path.isEmpty ? "message" : "part \(pending.path)"
                let header = HeaderParser.parse(buffer, from: pending.range.lowerBound, to: pending.range.upperBound,
                                                limits: limits, defects: &defects, context: context)
                if pending.depth == 0 || pending.parent.map({ parts[$0].contentType.type == "message" }) == true {
                    reportDuplicates(header.headers, context: context, defects: &defects)
                }
                var contentType = pending.defaultType
                if let raw = header.headers["Content-Type"] {
                    let (parsed, valid) = ContentType.parse(raw, defects: &defects)
                    if valid, parsed.value.contains("/") {
                        contentType = parsed
                    } else {
                        defects.append(MailDefect(.malformedContentType, "\(context): Content-Type \"\(raw.prefix(100))\" is not type/subtype; read as \(pending.defaultType.value)"))
                    }
                }
                let disposition = header.headers["Content-Disposition"].map { ContentType.parse($0, defects: &defects).type }
                let encoding = header.headers["Content-Transfer-Encoding"].map { Bytes.trimmed($0).lowercased() } ?? ""
                let bodyRange = min(header.bodyStart, pending.range.upperBound)..<pending.range.upperBound
                var part = MIMEPart(headers: header.headers, contentType: contentType, disposition: disposition,
                                    transferEncoding: encoding, bodyRange: bodyRange, children: [], parent: pending.parent,
                                    depth: pending.depth, path: pending.path)
                if let parent = pending.parent { parts[parent].children.append(index) }

                let wantsChildren = contentType.isMultipart || isEmbeddedMessage(contentType, encoding: encoding)
                if wantsChildren && pending.depth >= limits.maxDepth {
                    defects.append(MailDefect(.nestingTooDeep, "\(context): nested deeper than \(limits.maxDepth) levels; kept unparsed"))
                } else if wantsChildren && parts.count + stack.count >= limits.maxParts {
                    if !reportedPartCap {
                        defects.append(MailDefect(.tooManyParts, "\(context): more than \(limits.maxParts) MIME parts; the rest are kept unparsed"))
                        reportedPartCap = true
                    }
                } else if contentType.isMultipart {
                    let childDefault = contentType.subtype == "digest" ? messageRFC822 : textPlain
                    let children = splitMultipart(buffer, body: bodyRange, boundary: contentType.boundary,
                                                  defects: &defects, context: context)
                    if let children {
                        let room = max(0, limits.maxParts - parts.count - stack.count - 1)
                        if children.count > room, !reportedPartCap {
                            defects.append(MailDefect(.tooManyParts, "\(context): more than \(limits.maxParts) MIME parts; the rest are dropped"))
                            reportedPartCap = true
                        }
                        let kept = children.prefix(room)
                        for (offset, child) in kept.enumerated().reversed() {
                            let path = pending.path.isEmpty ? "\(offset + 1)" : "\(pending.path).\(offset + 1)"
                            stack.append(Pending(range: child, depth: pending.depth + 1, parent: index,
                                                 defaultType: childDefault, path: path))
                        }
                    } else {
                        // Unsplittable multipart: keep the body as plain text so nothing is lost.
                        part.contentType = ContentType(value: "text/plain", parameters: contentType.charset.map { ["charset": $0] } ?? [:])
                    }
                } else if isEmbeddedMessage(contentType, encoding: encoding), !bodyRange.isEmpty {
                    let path = pending.path.isEmpty ? "1" : "\(pending.path).1"
                    stack.append(Pending(range: bodyRange, depth: pending.depth + 1, parent: index,
                                         defaultType: textPlain, path: path))
                }
                parts.append(part)
            }
        }
        message.parts = parts
        message.defects = defects
    }

    /// Fields a message may carry once (RFC 5322 section 3.6); readers use the first.
    static let singletonFields: Set<String> = [
        "date", "from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to", "references", "subject",
    ]

    /// A `duplicate-header` defect for each once-only field that occurs more than once.
    private static func reportDuplicates(_ headers: MailHeaders, context: String, defects: inout [MailDefect]) {
        var seen = Set<String>()
        var reported = Set<String>()
        for field in headers where singletonFields.contains(field.lowercasedName) {
            if !seen.insert(field.lowercasedName).inserted, reported.insert(field.lowercasedName).inserted {
                defects.append(MailDefect(.duplicateHeader, "\(context): \(field.name) occurs more than once; the first is used"))
            }
        }
    }

    private static func isEmbeddedMessage(_ type: ContentType, encoding: String) -> Bool {
        (type.value == "message/rfc822" || type.value == "message/global")
            && (encoding.isEmpty || encoding == "7bit" || encoding == "8bit" || encoding == "binary")
    }

    /// The byte ranges of the body parts of a multipart body; `nil` when no delimiter is found.
    static func splitMultipart(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>, boundary declared: String?,
                               defects: inout [MailDefect], context: String) -> [Range<Int>]? {
        var boundary = declared.map { Array($0.utf8) } ?? []
        if boundary.isEmpty || boundary.count > 200 {
            guard let guessed = guessBoundary(buffer, body: body) else {
                defects.append(MailDefect(.missingBoundary, "\(context): multipart without a usable boundary parameter; body read as text"))
                return nil
            }
            defects.append(MailDefect(.missingBoundary, "\(context): multipart without a usable boundary parameter; used the first delimiter line"))
            boundary = guessed
        }
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var position = body.lowerBound
        var closed = false
        let end = body.upperBound
        while position < end {
            let (content, next) = Bytes.lineEnd(buffer, from: position, to: end)
            if content - position >= boundary.count + 2, buffer[position] == Bytes.dash, buffer[position + 1] == Bytes.dash,
               matches(buffer, at: position + 2, boundary) {
                var after = position + 2 + boundary.count
                var isClose = false
                if after + 2 <= content, buffer[after] == Bytes.dash, buffer[after + 1] == Bytes.dash {
                    isClose = true
                    after += 2
                }
                var onlySpace = true
                var scan = after
                while scan < content {
                    if buffer[scan] != Bytes.space && buffer[scan] != Bytes.tab { onlySpace = false; break }
                    scan += 1
                }
                if onlySpace || isClose {
                    if let start = partStart {
                        // The line break before the delimiter belongs to the delimiter.
                        var stop = position
                        if stop > start, buffer[stop - 1] == Bytes.lf { stop -= 1 }
                        if stop > start, buffer[stop - 1] == Bytes.cr { stop -= 1 }
                        ranges.append(start..<max(start, stop))
                    }
                    if isClose {
                        closed = true
                        partStart = nil
                        break
                    }
                    partStart = next
                }
            }
            position = next
        }
        if !closed {
            if let start = partStart {
                ranges.append(start..<end)
                defects.append(MailDefect(.unterminatedMultipart, "\(context): no closing boundary; the last part runs to the end"))
            } else if ranges.isEmpty {
                defects.append(MailDefect(.missingBoundary, "\(context): boundary \"\(String(decoding: boundary.prefix(70), as: UTF8.self))\" never appears; body read as text"))
                return nil
            }
        }
        return ranges
    }

    @inline(__always)
    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, _ boundary: [UInt8]) -> Bool {
        for offset in 0..<boundary.count where buffer[start + offset] != boundary[offset] { return false }
        return true
    }

    /// The first `--token` line of a body, for multiparts whose boundary parameter is missing.
    private static func guessBoundary(_ buffer: UnsafeBufferPointer<UInt8>, body: Range<Int>) -> [UInt8]? {
        var position = body.lowerBound
        var lines = 0
        while position < body.upperBound, lines < 50 {
            let (content, next) = Bytes.lineEnd(buffer, from: position, to: body.upperBound)
            if content - position > 2, content - position < 200, buffer[position] == Bytes.dash, buffer[position + 1] == Bytes.dash {
                var token = Array(buffer[(position + 2)..<content])
                while let last = token.last, last == Bytes.space || last == Bytes.tab { token.removeLast() }
                if !token.isEmpty, !token.contains(Bytes.space) { return token }
            }
            position = next
            lines += 1
        }
        return nil
    }
}
