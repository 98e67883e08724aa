/// Streams RFC 4180 CSV: quoted fields with embedded separators, newlines and doubled quotes, LF or CRLF line
/// ends, an optional UTF-8 byte-order mark. Tolerant like spreadsheet software: a stray quote inside an unquoted
/// field is kept as text.
struct CSVRecordReader {
    /// One row: its fields and the 1-based line where it starts.
    struct Row {
        var fields: [String]
        var line: Int
    }

    let separator: UInt8
    let maxRecordBytes: Int

    init(separator: UInt8 = 44, maxRecordBytes: Int) {
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
    }

    enum Event {
        case row(Row)
        case tooLarge(line: Int)
        /// The file ended inside a quoted field.
        case unterminated(line: Int)
    }

    func read(_ reader: ByteChunkReader, _ body: (Event) throws -> Void) throws {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoteSeen = false        // the previous byte closed a quote (or started an escaped one)
        var atFieldStart = true
        var line = 1
        var rowLine = 1
        var rowBytes = 0
        var skippingBOM = true
        var oversized = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
            quoteSeen = false
        }
        func endRow() throws {
            endField()
            if oversized {
                try body(.tooLarge(line: rowLine))
            } else if !(fields.count == 1 && fields[0].isEmpty) {
                try body(.row(Row(fields: fields, line: rowLine)))
            }
            fields.removeAll(keepingCapacity: true)
            rowBytes = 0
            oversized = false
            rowLine = line
        }

        try reader.forEachChunk { chunk in
            var i = 0
            if skippingBOM {
                skippingBOM = false
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { i = 3 }
            }
            while i < chunk.count {
                let byte = chunk[i]
                i += 1
                rowBytes += 1
                if rowBytes > maxRecordBytes, !oversized { oversized = true; field.removeAll() }
                if inQuotes {
                    if byte == 34 {
                        inQuotes = false
                        quoteSeen = true
                    } else {
                        if byte == 10 { line += 1 }
                        if !oversized { field.append(byte) }
                    }
                    continue
                }
                switch byte {
                case 34:
                    if quoteSeen {                 // "" inside a quoted field: a literal quote
                        if !oversized { field.append(34) }
                        inQuotes = true
                        quoteSeen = false
                    } else if atFieldStart {
                        inQuotes = true
                        atFieldStart = false
                    } else if !oversized {
                        field.append(34)           // stray quote in an unquoted field: keep it
                    }
                case separator:
                    endField()
                case 10:
                    line += 1
                    try endRow()
                case 13:
                    // CR of CRLF (or a bare CR line end): the LF, if any, ends the row.
                    if i < chunk.count, chunk[i] != 10 { line += 1; try endRow() }
                default:
                    atFieldStart = false
                    quoteSeen = false
                    if !oversized { field.append(byte) }
                }
            }
            return true
        }
        if inQuotes {
            try body(.unterminated(line: rowLine))
        } else if !field.isEmpty || !fields.isEmpty {
            try endRow()
        }
    }
}
