import Foundation

/// Unicode-aware tokenization shared by the local model, the heuristics and language detection.
///
/// Text is lowercased and folded (diacritics removed, `ß` → `ss`); letters and digits form words, everything else
/// separates them. Each CJK character (Han, kana, Hangul) is a token of its own, so Chinese and Japanese text, which
/// has no spaces, still yields features (the hasher builds character n-grams across consecutive CJK tokens).
public enum TextNormalizer {
    /// Calls `body` with each token's folded scalars and whether the token is a single CJK character.
    ///
    /// The buffer is only valid during the call.
    public static func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt32>, _ isCJK: Bool) -> Void) {
        var word: [UInt32] = []
        word.reserveCapacity(32)
        func flush() {
            if !word.isEmpty {
                word.withUnsafeBufferPointer { body($0, false) }
                word.removeAll(keepingCapacity: true)
            }
        }
        let table = FoldTable.shared
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < FoldTable.limit {
                let first = table.first[Int(value)]
                if first == 0 {
                    flush()
                } else {
                    word.append(first)
                    let second = table.second[Int(value)]
                    if second != 0 { word.append(second) }
                }
            } else if isCJK(value) {
                flush()
                var single = value
                withUnsafePointer(to: &single) { body(UnsafeBufferPointer(start: $0, count: 1), true) }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if scalar.properties.changesWhenLowercased, let lower = scalar.properties.lowercaseMapping.unicodeScalars.first {
                    word.append(lower.value)
                } else {
                    word.append(value)
                }
            } else {
                flush()
            }
        }
        flush()
    }

    /// The folded tokens of `text` as strings (`"Ärger!"` → `["arger"]`, `"谢谢"` → `["谢", "谢"]`).
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        forEachToken(in: text) { scalars, _ in
            utf8.removeAll(keepingCapacity: true)
            for value in scalars {
                if value < 0x80 {
                    utf8.append(UInt8(value))
                } else if let scalar = Unicode.Scalar(value) {
                    utf8.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
            result.append(String(decoding: utf8, as: UTF8.self))
        }
        return result
    }

    /// Whether a scalar is a Han ideograph, kana or Hangul syllable.
    public static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF, 0x20000...0x2FFFF:
            true
        default:
            false
        }
    }
}

/// Precomputed folding of the Latin, Greek and Cyrillic blocks (the hot path of tokenization).
struct FoldTable: Sendable {
    /// Scalars below this value are looked up; others are handled one by one.
    static let limit: UInt32 = 0x0530
    static let shared = FoldTable()

    /// First folded scalar, or 0 when the scalar separates words.
    let first: [UInt32]
    /// Second folded scalar (`ß` → `s`,`s`), or 0.
    let second: [UInt32]

    private init() {
        var first = [UInt32](repeating: 0, count: Int(Self.limit))
        var second = [UInt32](repeating: 0, count: Int(Self.limit))
        for value in 0..<Self.limit {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x61...0x7A: first[Int(value)] = value
                case 0x41...0x5A: first[Int(value)] = value + 0x20
                default: break
                }
                continue
            }
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { continue }
            let folded = String(scalar).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            let kept = folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            if let head = kept.first {
                first[Int(value)] = head.value
                if kept.count > 1 { second[Int(value)] = kept[kept.index(after: kept.startIndex)].value }
            }
        }
        self.first = first
        self.second = second
    }
}
