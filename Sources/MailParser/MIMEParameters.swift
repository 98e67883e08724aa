/// MIME header parameters: `token; name=value; name*=charset'lang'%XX; name*0=...; name*1*=...` (RFC 2045, RFC 2231).
enum MIMEParameters {
    /// The leading token and the parameters of a structured MIME header value.
    static func parse(_ raw: String, defects: inout [MailDefect]) -> (token: String, parameters: [String: String]) {
        let scalars = Array(stripComments(raw).unicodeScalars)
        var index = 0
        var token = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != ";" {
            let scalar = scalars[index]
            if !(scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\"") { token.append(scalar) }
            index += 1
        }

        // Collect raw pieces: name -> (section -> (value, extended)).
        var pieces: [String: [Int: (String, Bool)]] = [:]
        var plain: [String: String] = [:]
        var order: [String] = []
        var known = Set<String>()
        while index < scalars.count {
            index += 1 // skip ";"
            while index < scalars.count, isSpace(scalars[index]) || scalars[index] == ";" {
                if scalars[index] == ";" { index += 1 } else { index += 1 }
            }
            var name = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
                if !isSpace(scalars[index]) { name.append(scalars[index]) }
                index += 1
            }
            guard index < scalars.count, scalars[index] == "=" else {
                if !name.isEmpty {
                    defects.append(MailDefect(.malformedContentType, "parameter \"\(String(name))\" has no value"))
                }
                continue
            }
            index += 1
            while index < scalars.count, isSpace(scalars[index]) { index += 1 }
            var value = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    value.append(scalars[index])
                    index += 1
                }
                if index < scalars.count { index += 1 }
                // Anything after the closing quote up to ";" is junk.
                while index < scalars.count, scalars[index] != ";" { index += 1 }
            } else {
                while index < scalars.count, scalars[index] != ";" {
                    value.append(scalars[index])
                    index += 1
                }
                while let last = value.last, isSpace(last) { value.removeLast() }
            }
            let lowered = String(name).lowercased()
            guard !lowered.isEmpty else { continue }
            // RFC 2231: name*, name*N, name*N*
            var base = lowered
            var section = -1
            var extended = false
            if base.hasSuffix("*") {
                extended = true
                base.removeLast()
            }
            if let star = base.lastIndex(of: "*"), let number = Int(base[base.index(after: star)...]), number >= 0, number < 10_000 {
                section = number
                base = String(base[..<star])
            }
            if known.insert(base).inserted { order.append(base) }
            if section < 0 && !extended {
                if plain[base] == nil { plain[base] = String(value) }
            } else {
                pieces[base, default: [:]][max(section, 0)] = (String(value), extended)
            }
        }

        var parameters: [String: String] = [:]
        for name in order {
            if let sections = pieces[name] {
                parameters[name] = joinSections(sections, defects: &defects)
            } else if let value = plain[name] {
                // Non-standard but common: encoded words inside a quoted parameter (filenames).
                parameters[name] = value.contains("=?") ? EncodedWord.decode(value, defects: &defects) : value
            }
        }
        return (String(token), parameters)
    }

    /// Joins RFC 2231 sections in order; the first extended section may name a charset.
    private static func joinSections(_ sections: [Int: (String, Bool)], defects: inout [MailDefect]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (offset, key) in sections.keys.sorted().enumerated() {
            guard let (value, extended) = sections[key] else { continue }
            var text = Substring(value)
            if extended, offset == 0 {
                let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = parts[0].isEmpty ? nil : String(parts[0])
                    text = parts[2]
                }
            }
            if extended {
                bytes.append(contentsOf: percentDecode(text))
            } else {
                bytes.append(contentsOf: Array(text.utf8))
            }
        }
        let (decoded, defect) = Charset.decode(bytes, charset: charset)
        if let defect { defects.append(defect) }
        return decoded
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == 0x25, index + 2 < input.count,
               let high = TransferEncoding.hexValue(input[index + 1]), let low = TransferEncoding.hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }

    @inline(__always)
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    /// Removes RFC 5322 comments outside quoted strings (`text/plain (a comment); charset=x`).
    static func stripComments(_ raw: String) -> String {
        guard raw.contains("(") else { return raw }
        var output = String.UnicodeScalarView()
        var depth = 0
        var inQuotes = false
        var escaped = false
        for scalar in raw.unicodeScalars {
            if escaped {
                escaped = false
                if depth == 0 { output.append(scalar) }
                continue
            }
            if scalar == "\\" {
                escaped = true
                if depth == 0 { output.append(scalar) }
                continue
            }
            if inQuotes {
                if scalar == "\"" { inQuotes = false }
                output.append(scalar)
                continue
            }
            if scalar == "\"" && depth == 0 { inQuotes = true; output.append(scalar); continue }
            if scalar == "(" { depth += 1; continue }
            if scalar == ")" && depth > 0 { depth -= 1; continue }
            if depth == 0 { output.append(scalar) }
        }
        return String(output)
    }
}
