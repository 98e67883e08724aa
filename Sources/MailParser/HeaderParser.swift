/// Splits an entity into its header fields and the start of its body.
enum HeaderParser {
    struct Result {
        var headers: MailHeaders
        /// Index of the first body byte (after the blank line), or the end when there is no body.
        var bodyStart: Int
    }

    /// Parses the header block that starts at `start`. Never reads past `end`.
    ///
    /// Tolerates: LF or CR LF line ends, a leading mbox `From ` line, lines without a colon (skipped, a
    /// defect), white space before the colon, a missing blank line (headers end at the first line that is
    /// neither a field nor a continuation), raw 8-bit bytes, and overlong fields (truncated, a defect).
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                      limits: MailParseLimits, defects: inout [MailDefect], context: String) -> Result {
        var headers = MailHeaders()
        var position = start
        var currentName: String?
        var currentValue: [UInt8] = []
        var truncated = false
        var reportedTooLong = false
        var fieldCount = 0
        let blockLimit = start + limits.maxHeaderBytes

        func finish() {
            guard let name = currentName else { return }
            if fieldCount < limits.maxHeaderFields {
                headers.append(HeaderField(name: name, value: Bytes.string(currentValue)))
            } else if fieldCount == limits.maxHeaderFields {
                defects.append(MailDefect(.tooManyHeaders, "\(context): more than \(limits.maxHeaderFields) header fields; the rest are ignored"))
            }
            fieldCount += 1
            currentName = nil
            currentValue.removeAll(keepingCapacity: true)
            truncated = false
        }

        // An mbox envelope line at the very start is not a header.
        if Bytes.hasPrefix(buffer, at: position, end: end, Array("from ".utf8)) {
            position = Bytes.lineEnd(buffer, from: position, to: end).next
        }

        while position < end {
            let (content, next) = Bytes.lineEnd(buffer, from: position, to: end)
            if content == position {
                finish()
                return Result(headers: headers, bodyStart: next)
            }
            if position >= blockLimit {
                if !reportedTooLong {
                    defects.append(MailDefect(.headerTooLong, "\(context): header block longer than \(limits.maxHeaderBytes) bytes; the rest is ignored"))
                    reportedTooLong = true
                }
                finish()
                position = next
                continue
            }
            let first = buffer[position]
            if first == Bytes.space || first == Bytes.tab {
                if currentName != nil {
                    appendValue(buffer, position..<content, to: &currentValue, truncated: &truncated,
                                limits: limits, defects: &defects, context: context, name: currentName!)
                } else {
                    defects.append(MailDefect(.malformedHeader, "\(context): continuation line with no field before it"))
                }
                position = next
                continue
            }
            // A field: name, optional white space, colon.
            var colon = position
            let nameEnd = min(content, position + 200)
            while colon < nameEnd, buffer[colon] != Bytes.colon, buffer[colon] > 0x20, buffer[colon] < 0x7F { colon += 1 }
            var afterName = colon
            while afterName < nameEnd, buffer[afterName] == Bytes.space || buffer[afterName] == Bytes.tab { afterName += 1 }
            if colon > position, afterName < content, buffer[afterName] == Bytes.colon {
                finish()
                currentName = String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<colon]), as: UTF8.self)
                var valueStart = afterName + 1
                if valueStart < content, buffer[valueStart] == Bytes.space { valueStart += 1 }
                appendValue(buffer, valueStart..<content, to: &currentValue, truncated: &truncated,
                            limits: limits, defects: &defects, context: context, name: currentName!)
                position = next
                continue
            }
            if headers.fields.isEmpty && currentName == nil {
                // No header at all: the entity is all body.
                defects.append(MailDefect(.missingHeaderBodySeparator, "\(context): no header fields; read as body"))
                return Result(headers: headers, bodyStart: start)
            }
            if looksLikeBodyText(buffer, position..<content) {
                defects.append(MailDefect(.missingHeaderBodySeparator, "\(context): no blank line after the header; body starts at a non-header line"))
                finish()
                return Result(headers: headers, bodyStart: position)
            }
            defects.append(MailDefect(.malformedHeader, "\(context): header line without a colon was skipped"))
            position = next
        }
        finish()
        return Result(headers: headers, bodyStart: end)
    }

    private static func appendValue(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to value: inout [UInt8],
                                    truncated: inout Bool, limits: MailParseLimits, defects: inout [MailDefect],
                                    context: String, name: String) {
        guard !truncated else { return }
        if !value.isEmpty || range.isEmpty == false, value.count + range.count + 1 > limits.maxFieldBytes {
            let room = max(0, limits.maxFieldBytes - value.count)
            value.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<(range.lowerBound + min(room, range.count))]))
            truncated = true
            defects.append(MailDefect(.headerTooLong, "\(context): field \(name) longer than \(limits.maxFieldBytes) bytes was truncated"))
            return
        }
        var range = range
        if !value.isEmpty {
            // A fold (line break plus indentation) reads as one space, however deep the indentation.
            while let first = range.first, buffer[first] == Bytes.space || buffer[first] == Bytes.tab {
                range = range.dropFirst()
            }
            value.append(Bytes.space)
        }
        value.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    }

    /// A line that is clearly not a header: contains a space before any colon, or no colon at all.
    private static func looksLikeBodyText(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range {
            if buffer[index] == Bytes.colon { return false }
            if buffer[index] == Bytes.space { return true }
        }
        return true
    }
}
