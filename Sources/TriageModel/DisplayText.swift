import Foundation

/// Text from tickets made safe to show on a terminal or in a plain-text report.
///
/// Ticket text is written by customers: an ESC, CSI or OSC sequence in a subject would otherwise clear the user's
/// screen, retitle the window or hide lines. Control characters are replaced by visible stand-ins (C0 by the
/// Unicode control pictures `␛ ␀ ␇ …`, DEL by `␡`, C1 by `�`), and so are the bidirectional overrides and
/// isolates that reorder what a line appears to say. Nothing is dropped, so a NUL does not cut a subject short.
/// JSON output keeps the real characters (escaped by the encoder); this is for human-readable output only.
public enum DisplayText {
    /// `text` with every control character made visible; newlines and tabs stay when `multiline`.
    public static func safe(_ text: String, multiline: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsReplacement($0, multiline: multiline) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsReplacement(scalar, multiline: multiline) {
                out.append(replacement(for: scalar))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// One line: line breaks and tabs become spaces (runs of them one space), other controls are made visible.
    public static func line(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                if !lastWasSpace { out.unicodeScalars.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            out.unicodeScalars.append(needsReplacement(scalar, multiline: false) ? replacement(for: scalar) : scalar)
        }
        return out
    }

    /// Encoded JSON with DEL and the C1 controls (U+007F–U+009F) written as `\u007f`…`\u009f`. JSON encoders
    /// escape only U+0000–U+001F, and some terminals act on a UTF-8 encoded C1 (U+009B is CSI). Lossless: the
    /// decoded strings are the same. The structure of JSON is ASCII, so these characters only occur in strings.
    public static func escapingControlsInJSON(_ data: Data) -> Data {
        guard data.contains(where: { $0 == 0x7F || $0 == 0xC2 }) else { return data }
        var out = Data()
        out.reserveCapacity(data.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            var scalar: UInt8?
            if byte == 0x7F {
                scalar = 0x7F
            } else if byte == 0xC2, data.index(after: index) < data.endIndex, (0x80...0x9F).contains(data[data.index(after: index)]) {
                scalar = data[data.index(after: index)]
                index = data.index(after: index)
            }
            if let scalar {
                out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(scalar >> 4)], hex[Int(scalar & 0xF)]])
            } else {
                out.append(byte)
            }
            index = data.index(after: index)
        }
        return out
    }

    static func needsReplacement(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !multiline
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: "\u{2421}"
        default: "\u{FFFD}"
        }
    }
}
