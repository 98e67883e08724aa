/// Why a mail file or folder could not be read at all (problems inside messages are `MailDefect`s).
public enum MailFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// A folder given as a Maildir has neither `cur/` nor `new/`.
    case notAMaildir(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "\(path): cannot read: \(reason); check the path and its permissions"
        case let .notAMaildir(path):
            "\(path): not a Maildir (no cur/ or new/ folder); pass the folder that contains cur/ and new/"
        }
    }
}
