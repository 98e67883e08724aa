/// Text for chat services that read `<…>` as mentions and links (Slack's `mrkdwn`, and services that copy it).
///
/// Slack asks senders to escape exactly three characters in message text: `&` as `&amp;`, `<` as `&lt;` and `>`
/// as `&gt;`; then `<!channel>`, `<@U…>` and `<https://…|label>` written by a customer arrive as plain text.
/// Markdown backslash escapes mean nothing there and are not used.
public enum ChatText {
    /// `text` with `&`, `<` and `>` escaped.
    public static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
