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

        while index < scalars.count {
            if scalars[index] == "=", index + 1 < scalars.count, scalars[index + 1] == "?",
               let word = parseWord(scalars, at: index) {
                if pendingCharset != nil, pendingCharset != word.charset { flush() }
                if pendingCharset == nil {
                    output.append(contentsOf: pendingWhitespace)
                }
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
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.value >= 0x7F { return nil }
            // Real words are at most 75 characters; a generous cap keeps hostile headers linear.
            if index - textStart > 4_096 { return nil }
            index += 1
        }
        guard index + 1 < scalars.count else { return nil }
        let payload = scalars[textStart..<index].map { UInt8(truncatingIfNeeded: $0.value) }
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
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
