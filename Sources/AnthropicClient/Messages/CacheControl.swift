/// A prompt-caching breakpoint: `{"type":"ephemeral"}` (5 minutes) or with `"ttl":"1h"`.
public struct CacheControl: Codable, Sendable, Hashable {
    public var type: String
    /// `"5m"` or `"1h"`; `nil` sends no `ttl` (5 minutes).
    public var ttl: String?

    public init(type: String = "ephemeral", ttl: String? = nil) {
        self.type = type
        self.ttl = ttl
    }

    /// Cached for 5 minutes, refreshed on every hit.
    public static let ephemeral = CacheControl()
    /// Cached for one hour (cache writes cost 2× input instead of 1.25×).
    public static let oneHour = CacheControl(ttl: "1h")
}
