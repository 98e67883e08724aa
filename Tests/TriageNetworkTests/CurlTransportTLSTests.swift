import Foundation
import Testing
import TriageNetwork
import TriageTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// TLS through `CurlTransport` against `openssl s_server` on loopback with a throwaway self-signed
/// certificate: untrusted by the system CA store, trusted once passed as `caBundlePath`.
@Suite("CurlTransport over TLS", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct CurlTransportTLSTests {
    @Test("a self-signed server is a TLS error with the system CA store and works with its certificate as CA")
    func selfSignedCertificate() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "tt-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appending(path: "cert.pem").path
        let key = directory.appending(path: "key.pem").path
        let generate = try Self.run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                                     "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"])
        generate.waitUntilExit()
        #expect(generate.terminationStatus == 0)

        // An ephemeral port the kernel just handed out and released.
        let probe = try await LoopbackServer.start()
        let port = probe.port
        await probe.stop()
        let server = try Self.run(["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet"],
                                  keepStdin: true)
        defer { kill(server.processIdentifier, SIGKILL) }

        let url = URL(string: "https://127.0.0.1:\(port)/")!
        let trusting = CurlTransport(configuration: .init(connectTimeout: .seconds(2), timeout: .seconds(10), caBundlePath: certificate))
        var response: HTTPResponse?
        for _ in 0..<50 where response == nil {
            response = try? await trusting.send(HTTPRequest(url: url))
            if response == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let ok = try #require(response)
        #expect(ok.status == 200)
        let page = String(decoding: try await ok.body.collect(upTo: 1 << 20), as: UTF8.self)
        #expect(page.contains("TLS") || page.contains("Cipher"))

        let systemStore = CurlTransport(configuration: .init(connectTimeout: .seconds(2), timeout: .seconds(10)))
        let error = await #expect(throws: NetworkError.self) { _ = try await systemStore.send(HTTPRequest(url: url)) }
        guard case .tls? = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == false)
    }

    private static func run(_ arguments: [String], keepStdin: Bool = false) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = keepStdin ? Pipe() : FileHandle.nullDevice
        try process.run()
        return process
    }
}
