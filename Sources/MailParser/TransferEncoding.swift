/// Content-Transfer-Encoding decoders (RFC 2045), tolerant of real-world damage.
public enum TransferEncoding {
    /// Decodes a body according to its `Content-Transfer-Encoding` (lower-cased name).
    /// `7bit`, `8bit`, `binary` and unknown names return the bytes unchanged (unknown ones with a defect).
    public static func decode(_ bytes: ArraySlice<UInt8>, encoding: String) -> (bytes: [UInt8], defect: MailDefect?) {
        switch encoding {
        case "base64":
            let result = decodeBase64(bytes)
            return (result.bytes, result.clean ? nil : MailDefect(.invalidBase64, "base64 body has stray characters or a partial final group"))
        case "quoted-printable":
            let result = decodeQuotedPrintable(bytes)
            return (result.bytes, result.clean ? nil : MailDefect(.invalidQuotedPrintable, "quoted-printable body has an invalid '=' escape"))
        case "x-uuencode", "uuencode", "x-uue", "uue":
            if let decoded = Uuencode.decodeFirstBlock(bytes) { return (decoded.data, nil) }
            return (Array(bytes), MailDefect(.unknownTransferEncoding, "uuencoded body has no begin/end block"))
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
            return (Array(bytes), nil)
        default:
            return (Array(bytes), MailDefect(.unknownTransferEncoding, "transfer encoding \"\(encoding)\" is unknown; body kept as is"))
        }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8).enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        // URL-safe alphabet, seen in the wild.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Base64 that skips characters outside the alphabet (line breaks, junk) and stops where padding
    /// completes a group (what follows is ignored, as common decoders do).
    /// `clean` is false when junk (other than white space) was skipped, data followed the padding, or bits were left over.
    public static func decodeBase64(_ input: some Collection<UInt8>) -> (bytes: [UInt8], clean: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var symbols = 0
        var clean = true
        var finished = false
        let table = base64Table
        for byte in input {
            let value = table[Int(byte)]
            if finished {
                if value != 0xFF { clean = false; break }
                continue
            }
            if value == 0xFF {
                if byte == 0x3D {
                    // Padding: the group is complete once it has 2 or 3 symbols plus padding.
                    if symbols % 4 >= 2 { finished = true; bits = 0 }
                    continue
                }
                if !Bytes.isWhitespace(byte) { clean = false }
                continue
            }
            symbols += 1
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        if bits >= 6 { clean = false }
        return (output, clean)
    }

    /// Quoted-printable: `=XX` escapes and `=` soft line breaks; an invalid `=` is kept literally.
    public static func decodeQuotedPrintable(_ input: some Collection<UInt8>) -> (bytes: [UInt8], clean: Bool) {
        let bytes = Array(input)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var clean = true
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte != 0x3D {
                if byte == Bytes.space || byte == Bytes.tab {
                    // Trailing white space before a line break is transport padding.
                    var next = index
                    while next < count, bytes[next] == Bytes.space || bytes[next] == Bytes.tab { next += 1 }
                    if next == count || bytes[next] == Bytes.lf || (bytes[next] == Bytes.cr && next + 1 < count && bytes[next + 1] == Bytes.lf) {
                        index = next
                        continue
                    }
                    output.append(contentsOf: bytes[index..<next])
                    index = next
                    continue
                }
                output.append(byte)
                index += 1
                continue
            }
            // "=" then optional white space then a line break: soft break.
            var next = index + 1
            while next < count, bytes[next] == Bytes.space || bytes[next] == Bytes.tab { next += 1 }
            if next == count { index = next; continue }
            if bytes[next] == Bytes.lf { index = next + 1; continue }
            if bytes[next] == Bytes.cr, next + 1 < count, bytes[next + 1] == Bytes.lf { index = next + 2; continue }
            if index + 2 < count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            clean = false
            output.append(byte)
            index += 1
        }
        return (output, clean)
    }
}
