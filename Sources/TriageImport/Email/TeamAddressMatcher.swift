import Foundation

/// Decides whether an address belongs to the support team: exact addresses (`support@acme.com`) or whole
/// domains (`@acme.com`, also matching sub-domains such as `eu.acme.com`), case-insensitive.
public struct TeamAddressMatcher: Sendable, Hashable {
    private let addresses: Set<String>
    private let domains: [String]

    public init(_ entries: [String]) {
        var addresses = Set<String>()
        var domains: [String] = []
        for entry in entries {
            let lowered = entry.trimmingCharacters(in: .whitespaces).lowercased()
            guard !lowered.isEmpty else { continue }
            if lowered.hasPrefix("@") {
                domains.append(String(lowered.dropFirst()))
            } else if lowered.contains("@") {
                addresses.insert(lowered)
            } else {
                domains.append(lowered)
            }
        }
        self.addresses = addresses
        self.domains = domains
    }

    /// Whether `address` is one of the team's.
    public func matches(_ address: String?) -> Bool {
        guard let address, !address.isEmpty else { return false }
        let lowered = address.lowercased()
        if addresses.contains(lowered) { return true }
        guard let at = lowered.lastIndex(of: "@") else { return false }
        let domain = lowered[lowered.index(after: at)...]
        return domains.contains { domain == $0 || domain.hasSuffix("." + $0) }
    }
}
