import Foundation

/// What may be shown of a webhook target: its host.
///
/// Webhook URLs often are the secret (a Slack webhook's token is its path; other services put keys in the query
/// string or the user info), so listings and messages show the host and nothing else.
public enum TargetRedaction {
    /// The URL's host (`hooks.slack.com`), or `(invalid URL)`.
    public static func host(of target: String) -> String {
        if let helpdesk = HelpdeskTarget(target: target) { return helpdesk.description }  // no secret in it
        guard let host = URL(string: target)?.host, !host.isEmpty else { return "(invalid URL)" }
        return host
    }

    /// The host with the port when the URL names one (`127.0.0.1:18999`): what tells two targets on one host
    /// apart. Still nothing of the path, query or user info.
    public static func hostAndPort(of target: String) -> String {
        let host = host(of: target)
        guard let port = URLComponents(string: target)?.port else { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `text` (an error message) with the target and its secret-bearing parts (user info, path, query, fragment)
    /// replaced by the host.
    public static func redact(_ text: String, target: String) -> String {
        let host = host(of: target)
        var out = text.replacingOccurrences(of: target, with: host)
        guard let components = URLComponents(string: target) else { return out }
        let parts = [components.percentEncodedUser, components.percentEncodedPassword, components.percentEncodedQuery,
                     components.percentEncodedFragment, components.percentEncodedPath, components.user,
                     components.password, components.query, components.fragment, components.path]
        // Short parts ("/", "a") would mangle the message and hide nothing.
        for part in Set(parts.compactMap { $0 }) where part.count >= 6 {
            out = out.replacingOccurrences(of: part, with: "…")
        }
        return out
    }
}
