/// One mailbox from an address header: display name and address.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The display name with encoded words decoded, `nil` when absent.
    public var name: String?
    /// `local@domain` as written (not lower-cased); may be empty for a malformed mailbox that has only a name.
    public var address: String
    /// The group the mailbox was listed in (`Team: a@x, b@y;`), if any.
    public var group: String?

    public init(name: String? = nil, address: String, group: String? = nil) {
        self.name = name
        self.address = address
        self.group = group
    }

    /// `Name <local@domain>` or just the address.
    public var description: String {
        guard let name, !name.isEmpty else { return address }
        return "\(name) <\(address)>"
    }
}
