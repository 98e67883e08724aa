/// RFC 5322 address lists: mailboxes, `Name <addr>`, groups (`undisclosed-recipients:;`), comments,
/// quoted names, obsolete routes, and the usual damage (missing brackets, stray commas, encoded words
/// inside quotes).
public enum AddressParser {
    /// The mailboxes of an address-list header value; groups are flattened (each mailbox keeps its group name).
    public static func parse(_ raw: String) -> [MailAddress] {
        var defects: [MailDefect] = []
        return parse(raw, defects: &defects)
    }

    /// The mailboxes of an address-list header value; problems go to `defects`.
    public static func parse(_ raw: String, defects: inout [MailDefect]) -> [MailAddress] {
        let tokens = tokenize(raw)
        var result: [MailAddress] = []
        var group: String?
        var phrase: [String] = []       // words before "<" or ":"
        var angle: String?              // address inside <>
        var bare: [String] = []         // words that may form an address without brackets
        var comment: String?
        var malformed = false

        func finishMailbox() {
            defer {
                phrase = []
                angle = nil
                bare = []
                comment = nil
            }
            if let angle {
                let name = phrase.isEmpty ? comment : phrase.joined(separator: " ")
                result.append(MailAddress(name: cleanName(name), address: angle, group: group))
                return
            }
            let words = bare
            guard !words.isEmpty else { return }
            if let at = words.firstIndex(where: { $0.contains("@") }) {
                let address = words[at]
                var nameWords = words
                nameWords.remove(at: at)
                let name = nameWords.isEmpty ? comment : nameWords.joined(separator: " ")
                if !nameWords.isEmpty { malformed = true }
                result.append(MailAddress(name: cleanName(name), address: address, group: group))
            } else {
                // A lone word: a local address or a name with no address.
                malformed = malformed || words.count > 1
                if words.count == 1 {
                    result.append(MailAddress(name: cleanName(comment), address: words[0], group: group))
                } else {
                    result.append(MailAddress(name: cleanName(words.joined(separator: " ")), address: "", group: group))
                }
            }
        }

        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case .word(let word, _):
                if angle != nil {
                    // Words after "<...>" belong to nobody; keep as name if none.
                    if phrase.isEmpty { phrase.append(word) }
                } else {
                    phrase.append(word)
                    bare.append(word)
                }
            case .comment(let text):
                if comment == nil { comment = text }
            case .angle(let address):
                if angle == nil { angle = address } else { malformed = true }
            case .special(":"):
                if group == nil, angle == nil {
                    group = cleanName(phrase.joined(separator: " ")) ?? ""
                    phrase = []
                    bare = []
                } else {
                    malformed = true
                }
            case .special(";"):
                finishMailbox()
                group = nil
            case .special(","):
                finishMailbox()
            default:
                malformed = true
            }
            index += 1
        }
        finishMailbox()
        if malformed {
            defects.append(MailDefect(.malformedAddress, "address list \"\(raw.prefix(200))\" is not well-formed; read as best possible"))
        }
        return result
    }

    private static func cleanName(_ name: String?) -> String? {
        guard let name else { return nil }
        let decoded = HeaderCollapse.clean(EncodedWord.decode(name))
        return decoded.isEmpty ? nil : decoded
    }

    enum Token {
        /// An atom, dot-atom or quoted string (quoted: true).
        case word(String, quoted: Bool)
        case comment(String)
        /// The address inside `<…>` (obsolete route removed).
        case angle(String)
        case special(Character)
    }

    static func tokenize(_ raw: String) -> [Token] {
        let scalars = Array(raw.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        var atom = String.UnicodeScalarView()

        func flushAtom() {
            if !atom.isEmpty {
                tokens.append(.word(String(atom), quoted: false))
                atom = String.UnicodeScalarView()
            }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\r", "\n":
                flushAtom()
                index += 1
            case "\"":
                flushAtom()
                var text = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    text.append(scalars[index])
                    index += 1
                }
                index += 1
                tokens.append(.word(String(text), quoted: true))
            case "(":
                flushAtom()
                var depth = 1
                var text = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, depth > 0 {
                    let inner = scalars[index]
                    if inner == "\\", index + 1 < scalars.count {
                        index += 1
                        text.append(scalars[index])
                    } else if inner == "(" {
                        depth += 1
                        text.append(inner)
                    } else if inner == ")" {
                        depth -= 1
                        if depth > 0 { text.append(inner) }
                    } else {
                        text.append(inner)
                    }
                    index += 1
                }
                tokens.append(.comment(String(text)))
            case "<":
                flushAtom()
                var text = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != ">" {
                    let inner = scalars[index]
                    if !(inner == " " || inner == "\t" || inner == "\r" || inner == "\n") { text.append(inner) }
                    index += 1
                }
                index += 1
                var address = String(text)
                // Obsolete route: <@a.example,@b.example:user@c.example>
                if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
                    address = String(address[address.index(after: colon)...])
                }
                tokens.append(.angle(address))
            case ",", ";", ":":
                flushAtom()
                tokens.append(.special(Character(scalar)))
                index += 1
            case ">":
                flushAtom()
                index += 1
            default:
                atom.append(scalar)
                index += 1
            }
        }
        flushAtom()
        return tokens
    }
}

/// Whitespace clean-up for display names.
enum HeaderCollapse {
    static func clean(_ text: String) -> String {
        MailHeaders.collapseWhitespace(text)
    }
}
