/// RFC 2047 encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`) in header text.
///
/// Adjacent encoded words separated only by white space are joined (their bytes are concatenated before
/// decoding, so a character split across two words survives). Words that are malformed stay as written.
public enum EncodedWord {
    /// `text` with every well-formed encoded word decoded.
    public static func decode(_ text: String) -> String {
        var defects: [MailDefect] = []
        return decode(text, defects: &defects)
    }

    /// `text` with every well-formed encoded word decoded; problems go to `defects`.
    public static func decode(_ text: String, defects: inout [MailDefect]) -> String {
        guard text.contains("=?") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        // Pending run of adjacent words in one charset.
        var pendingBytes: [UInt8] = []
        var pendingCharset: String?
        var pendingWhitespace = String.UnicodeScalarView()

        func flush() {
            guard let charset = pendingCharset else { return }
            let (decoded, defect) = Charset.decode(pendingBytes, charset: charset)
            if let defect { defects.append(defect) }
            output.append(contentsOf: decoded.unicodeScalars)
            pendingBytes = []
            pendingCharset = nil
        }

        // Whether the last thing written was an encoded word: white space between two words is dropped,
        // whatever their charsets (RFC 2047 section 6.2).
        var afterWord = false
        while index < scalars.count {
            if scalars[index] == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
               let word = parseWord(scalars, at: index) {
                if pendingCharset != nil, pendingCharset != word.charset { flush() }
                if pendingCharset == nil, !afterWord {
                    output.append(contentsOf: pendingWhitespace)
                }
                afterWord = true
                pendingWhitespace = String.UnicodeScalarView()
                pendingCharset = word.charset
                pendingBytes.append(contentsOf: word.bytes)
                index = word.end
                continue
            }
            let scalar = scalars[index]
            if pendingCharset != nil, scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pendingWhitespace.append(scalar)
                index += 1
                continue
            }
            flush()
            afterWord = false
            output.append(contentsOf: pendingWhitespace)
            pendingWhitespace = String.UnicodeScalarView()
            output.append(scalar)
            index += 1
        }
        flush()
        output.append(contentsOf: pendingWhitespace)
        return String(output)
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses `=?charset[*lang]?enc?text?=` at `start`; `nil` when it is not a well-formed word.
    private static func parseWord(_ scalars: [Unicode.Scalar], at start: Int) -> Word? {
        var index = start + 2
        var charset = ""
        while index < scalars.count, scalars[index] != "?" {
            let scalar = scalars[index]
            if scalar.value <= 0x20 || scalar.value >= 0x7F || charset.count > 60 { return nil }
            charset.unicodeScalars.append(scalar)
            index += 1
        }
        guard index + 2 < scalars.count, !charset.isEmpty else { return nil }
        let encoding = scalars[index + 1]
        guard scalars[index + 2] == "?" else { return nil }
        index += 3
        let textStart = index
        // The encoded text ends at the first "?=" (Q text never contains "?").
        while index + 1 < scalars.count, !(scalars[index] == "?" && scalars[index + 1] == "=") {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { return nil }
            // Real words are at most 75 characters; a generous cap keeps hostile headers linear.
            if index - textStart > 4_096 { return nil }
            index += 1
        }
        guard index + 1 < scalars.count else { return nil }
        // Raw 8-bit bytes inside a word (not conforming, but common from old clients) are taken back to the
        // bytes they were read from, so the word's charset decodes them.
        var payload: [UInt8] = []
        payload.reserveCapacity(index - textStart)
        var readAsUTF8 = false
        for scalar in scalars[textStart..<index] {
            if scalar.value < 0x80 {
                payload.append(UInt8(scalar.value))
            } else if let byte = Charset.windows1252Byte(scalar) {
                payload.append(byte)
            } else {
                readAsUTF8 = true
                payload.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        // A character no single-byte reading produces: the header was UTF-8, so the word's bytes are too.
        if readAsUTF8 { charset = "utf-8" }
        let bytes: [UInt8]
        switch encoding {
        case "B", "b":
            bytes = TransferEncoding.decodeBase64(payload).bytes
        case "Q", "q":
            bytes = decodeQ(payload)
        default:
            return nil
        }
        return Word(charset: charset, bytes: bytes, end: index + 2)
    }

    /// The "Q" encoding: quoted-printable where `_` is a space.
    private static func decodeQ(_ payload: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(payload.count)
        var index = 0
        while index < payload.count {
            let byte = payload[index]
            if byte == 0x5F {
                output.append(0x20)
            } else if byte == 0x3D, index + 2 < payload.count,
                      let high = TransferEncoding.hexValue(payload[index + 1]),
                      let low = TransferEncoding.hexValue(payload[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
