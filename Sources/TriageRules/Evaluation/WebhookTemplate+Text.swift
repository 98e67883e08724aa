extension WebhookTemplate {
    /// Replaces each placeholder with `value(name)` as plain text (empty when `nil`): for help desk fields and
    /// notes, which the API client encodes as JSON itself.
    func renderText(_ value: (String) -> String?) -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case let .text(text): output += text
            case let .placeholder(name), let .raw(name): output += value(name) ?? ""
            }
        }
        return output
    }
}
