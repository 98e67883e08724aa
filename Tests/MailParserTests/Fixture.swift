import Foundation
import MailParser
import Testing

/// Loads the hand-written messages in `Fixtures/`.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: try url(name)))
    }

    static func message(_ name: String) throws -> MailMessage {
        MailMessage(parsing: try bytes(name))
    }
}

extension Array where Element == MailDefect {
    func contains(_ kind: MailDefect.Kind) -> Bool { contains { $0.kind == kind } }
}
