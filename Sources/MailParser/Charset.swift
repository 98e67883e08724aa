import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns bytes in a declared MIME charset into text.
///
/// UTF-8, US-ASCII, ISO-8859-1 and windows-1252 are decoded here; every other charset goes through the C
/// library's `iconv` (glibc ships ISO-8859-1..16, windows-125x, KOI8-R/U, GB18030, Big5, Shift_JIS, EUC-JP,
/// ISO-2022-JP, EUC-KR, UTF-7 and more), then Foundation's `String.Encoding(ianaName:)`. Bytes that do not fit
/// the charset become U+FFFD; an unknown charset falls back to the rule for undeclared 8-bit text (UTF-8 when
/// valid, else windows-1252). Both cases are reported as defects.
public enum Charset {
    /// Decodes `bytes` declared as `charset` (`nil` or empty: undeclared).
    ///
    /// Undeclared 8-bit text that is not UTF-8 is read with the charset `CharsetDetector` finds most likely among
    /// `undeclaredCandidates`; a byte-order mark decides UTF-16/UTF-32 text.
    public static func decode(_ bytes: some Collection<UInt8>, charset: String?,
                              undeclaredCandidates: [String] = CharsetDetector.defaultCandidates) -> (text: String, defect: MailDefect?) {
        let name = normalizedName(charset)
        switch name {
        case "", "us-ascii", "utf-8", "unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined", "8bit":
            if let bom = byteOrderMark(bytes), let result = iconvDecode(Array(bytes), from: bom) {
                return (result.text, nil)
            }
            if name == "utf-8", String(validating: bytes, as: UTF8.self) == nil {
                return (Bytes.string(bytes), MailDefect(.invalidCharsetData, "text declared UTF-8 is not valid UTF-8; read as windows-1252"))
            }
            return (undeclared(bytes, candidates: undeclaredCandidates), nil)
        case "iso-8859-1":
            return (latin1(bytes), nil)
        case "windows-1252":
            return (windows1252(bytes), nil)
        default:
            if bytes.allSatisfy({ $0 < 0x80 }) && !isStatefulASCII(name) {
                return (String(decoding: bytes, as: UTF8.self), nil)
            }
            if let result = iconvDecode(Array(bytes), from: name) {
                return (result.text, result.clean ? nil : MailDefect(.invalidCharsetData, "bytes not valid in \(name) were replaced"))
            }
            if let encoding = String.Encoding(ianaName: name), let text = String(data: Data(bytes), encoding: encoding) {
                return (text, nil)
            }
            return (Bytes.string(bytes), MailDefect(.unknownCharset, "charset \"\(charset ?? "")\" is unknown; read as UTF-8 or windows-1252"))
        }
    }

    /// Lower-cased charset name with common aliases mapped to the names `iconv` knows.
    static func normalizedName(_ charset: String?) -> String {
        guard let charset else { return "" }
        var name = Bytes.trimmed(charset).lowercased()
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        switch name {
        case "utf8", "utf-8-sig", "unicode-1-1-utf-8": return "utf-8"
        case "ascii", "ansi_x3.4-1968", "iso646-us", "us", "iso-ir-6", "cp367": return "us-ascii"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1", "iso-ir-100", "cp819": return "iso-8859-1"
        case "cp1252", "win-1252", "x-cp1252", "windows1252": return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "x-euc-cn": return "gb18030"
        case "ks_c_5601-1987", "ks_c_5601", "korean", "cp949", "uhc": return "cp949"
        case "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932": return "cp932"
        case "iso-8859-8-i", "iso-8859-8-e": return "iso-8859-8"
        case "iso-8859-6-i", "iso-8859-6-e": return "iso-8859-6"
        case "x-mac-roman", "macintosh", "mac": return "macintosh"
        case "big5-hkscs", "x-big5", "cn-big5": return "big5-hkscs"
        case "utf7", "unicode-1-1-utf-7", "x-imap4-modified-utf7": return "utf-7"
        default:
            if name.hasPrefix("iso8859-") { return "iso-8859-" + name.dropFirst(8) }
            if name.hasPrefix("iso_8859-") { return "iso-8859-" + name.dropFirst(9) }
            if name.hasPrefix("cp125"), name.count == 6 { return "windows-" + name.dropFirst(2) }
            return name
        }
    }

    /// Charsets whose ASCII bytes still need decoding (escape sequences, `+` shifts, or more than one byte
    /// per character).
    private static func isStatefulASCII(_ name: String) -> Bool {
        name.hasPrefix("iso-2022") || name == "utf-7" || name.hasPrefix("hz") || name.hasPrefix("utf-16")
            || name.hasPrefix("utf-32") || name.hasPrefix("ucs-2") || name.hasPrefix("ucs-4") || name == "unicode"
    }

    /// `UTF-16`/`UTF-32` (iconv reads the mark itself) when `bytes` start with a byte-order mark.
    static func byteOrderMark(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(4))
        if head.count >= 4, head[0] == 0xFF, head[1] == 0xFE, head[2] == 0, head[3] == 0 { return "utf-32" }
        if head.count >= 4, head[0] == 0, head[1] == 0, head[2] == 0xFE, head[3] == 0xFF { return "utf-32" }
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) { return "utf-16" }
        return nil
    }

    /// Undeclared text: ASCII and valid UTF-8 as they are, other 8-bit text in the likeliest candidate charset.
    static func undeclared(_ bytes: some Collection<UInt8>, candidates: [String]) -> String {
        var allASCII = true
        for byte in bytes where byte >= 0x80 {
            allASCII = false
            break
        }
        if allASCII { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return CharsetDetector.detect(Array(bytes), candidates: candidates)?.text ?? windows1252(bytes)
    }

    /// ISO-8859-1: every byte is the code point of the same value.
    static func latin1(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// windows-1252: ISO-8859-1 with printable characters in 0x80-0x9F.
    static func windows1252(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F {
                let value = windows1252High[Int(byte - 0x80)]
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// The byte windows-1252 (or ISO-8859-1) decodes to `scalar`, `nil` when neither does.
    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 || (scalar.value >= 0xA0 && scalar.value <= 0xFF) { return UInt8(scalar.value) }
        if let offset = windows1252High.firstIndex(of: scalar.value) { return UInt8(0x80 + offset) }
        return nil
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
