import Foundation
import Testing
@testable import TicketTriage

@Suite("Template lookup")
struct TemplateLocatorTests {
    func folder(withTemplates: Bool) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if withTemplates { try Data("x".utf8).write(to: url.appendingPathComponent("digest.html.mustache")) }
        return url.path
    }

    @Test("flag, then TRIAGE_TEMPLATES, then ./Templates, then <bin>/../share/triage/Templates, then the checkout")
    func order() throws {
        let flag = try folder(withTemplates: true)
        let env = try folder(withTemplates: true)
        let cwd = try folder(withTemplates: false)
        let prefix = try folder(withTemplates: false)
        let share = prefix + "/share/triage/Templates"
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: share + "/digest.html.mustache"))
        let checkout = try folder(withTemplates: true)

        func locator(flag: String? = nil, env: String? = nil) -> TemplateLocator {
            TemplateLocator(flag: flag, environment: env.map { ["TRIAGE_TEMPLATES": $0] } ?? [:], currentDirectory: cwd,
                            executablePath: prefix + "/bin/triage", sourceCheckout: checkout)
        }
        #expect(try locator(flag: flag, env: env).locate() == flag)
        #expect(try locator(env: env).locate() == env)
        #expect(try locator().locate() == share)
        try FileManager.default.createDirectory(atPath: cwd + "/Templates", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: cwd + "/Templates/digest.html.mustache"))
        #expect(try locator().locate() == cwd + "/Templates")
    }

    @Test("a --templates folder without templates is an error, not skipped")
    func badFlag() throws {
        let empty = try folder(withTemplates: false)
        let locator = TemplateLocator(flag: empty, environment: [:], currentDirectory: empty, executablePath: nil,
                                      sourceCheckout: TemplateLocator.checkoutTemplates())
        #expect(throws: DigestError.self) { try locator.locate() }
    }

    @Test("the checkout's Templates folder holds the default templates")
    func checkout() {
        #expect(TemplateLocator.holdsTemplates(TemplateLocator.checkoutTemplates()))
    }
}
