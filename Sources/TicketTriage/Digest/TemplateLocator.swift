import Foundation

/// Finds the folder holding the default digest templates.
///
/// Order: the `--templates` flag, `$TRIAGE_TEMPLATES`, `./Templates`, `<executable>/../share/triage/Templates`,
/// then the source checkout this file was compiled from (for `swift run` and tests). A folder counts only if it
/// holds `digest.html.mustache`.
public struct TemplateLocator: Sendable {
    public var flag: String?
    public var environment: [String: String]
    public var currentDirectory: String
    public var executablePath: String?
    /// The checkout's `Templates` folder, derived from `#filePath`; `nil` to leave it out.
    public var sourceCheckout: String?

    public init(flag: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String? = CommandLine.arguments.first,
                sourceCheckout: String? = TemplateLocator.checkoutTemplates()) {
        self.flag = flag
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
        self.sourceCheckout = sourceCheckout
    }

    /// The places looked at, in order.
    public var candidates: [String] {
        var list: [String] = []
        if let flag { list.append(flag) }
        if let env = environment["TRIAGE_TEMPLATES"], !env.isEmpty { list.append(env) }
        list.append((currentDirectory as NSString).appendingPathComponent("Templates"))
        if let executablePath, executablePath.contains("/") {
            let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            list.append(binary.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/triage/Templates").path)
        }
        if let sourceCheckout { list.append(sourceCheckout) }
        return list
    }

    /// The first candidate holding `digest.html.mustache`. An explicit `--templates` folder is never skipped silently.
    public func locate() throws -> String {
        if let flag {
            guard Self.holdsTemplates(flag) else { throw DigestError.templatesNotFound(searched: [flag]) }
            return flag
        }
        let list = candidates
        guard let found = list.first(where: Self.holdsTemplates) else { throw DigestError.templatesNotFound(searched: list) }
        return found
    }

    static func holdsTemplates(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("digest.html.mustache"))
    }

    /// `<checkout>/Templates`, from this source file's path (`Sources/TicketTriage/Digest/TemplateLocator.swift`).
    /// (`#filePath` is read here, not as a default argument, where it would name the caller's file.)
    public static func checkoutTemplates() -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Templates").path
    }
}
