/// Substring search over UTF-8 bytes, without Foundation's `NSString` bridging (slow on Linux).
///
/// Both sides are already case-folded when the test ignores case, so byte equality is the right comparison:
/// a valid UTF-8 needle can only match at a scalar boundary of a valid UTF-8 haystack.
enum SubstringSearch {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in find(pattern, in: text) }
        }
    }

    private static func find(_ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = pattern.count
        guard count <= text.count else { return false }
        let first = pattern[0]
        var index = 0
        let last = text.count - count
        while index <= last {
            if text[index] == first {
                var offset = 1
                while offset < count && text[index + offset] == pattern[offset] { offset += 1 }
                if offset == count { return true }
            }
            index += 1
        }
        return false
    }
}
