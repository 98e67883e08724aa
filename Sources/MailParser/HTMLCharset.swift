/// The charset an HTML document declares for itself in a `<meta>` tag, for HTML parts whose Content-Type names none.
///
/// Looks at the first 2 KiB only (where the declaration must be, by the HTML standard's prescan), in ASCII:
/// `<meta charset="koi8-r">` and `<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">`.
enum HTMLCharset {
    static let prescanBytes = 2048

    static func sniff(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(prescanBytes)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }  // ASCII lower-case
        var index = 0
        while let tag = find(Array("<meta".utf8), in: head, from: index) {
            let end = head[tag...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            let attributes = Array(head[tag..<end])
            if let at = find(Array("charset".utf8), in: attributes, from: 0) {
                var i = at + 7
                while i < attributes.count, attributes[i] == 0x20 || attributes[i] == 0x09 { i += 1 }
                if i < attributes.count, attributes[i] == UInt8(ascii: "=") {
                    i += 1
                    while i < attributes.count, [0x20, 0x09, 0x22, 0x27].contains(attributes[i]) { i += 1 }  // spaces, quotes
                    var name: [UInt8] = []
                    while i < attributes.count, isNameByte(attributes[i]), name.count < 40 {
                        name.append(attributes[i])
                        i += 1
                    }
                    if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
                }
            }
            index = end
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || [0x2D, 0x5F, 0x2E, 0x3A].contains(byte)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
