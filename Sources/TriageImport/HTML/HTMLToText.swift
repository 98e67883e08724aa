/// Turns an HTML body into readable plain text.
///
/// PLACEHOLDER until the libxml2 implementation lands: strips tags crudely.
public enum HTMLToText {
    /// Readable text of `html`: scripts and styles dropped, links kept as text, entities decoded.
    public static func convert(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }
}
