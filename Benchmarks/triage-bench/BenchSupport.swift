import Foundation

/// Measurements shared by the benchmarks.
enum BenchSupport {
    /// Peak resident memory of this process so far (VmHWM), in MiB.
    static func peakRSSMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return -1 }
        let kib = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? -1
        return kib / 1024
    }

    /// CPU time (user + system) of this process so far, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// CPU time of the calling thread alone (user + system).
    static func threadCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD (not imported into Swift)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func fileSizeMiB(_ path: String) -> Double {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Double(size ?? 0) / 1_048_576
    }
}

/// A small, fast, seedable generator (SplitMix64) so generated data is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes generated lines to a file through a 4 MiB buffer, counting the bytes written.
final class BufferedLineWriter {
    private let handle: FileHandle
    private var buffer = ""
    private(set) var bytesWritten = 0

    init(path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(4 << 20)
    }

    /// Appends `line` and a newline.
    func write(_ line: String) {
        buffer += line
        buffer += "\n"
        if buffer.utf8.count > 4 << 20 { flush() }
    }

    /// Writes what is buffered, closes the file and returns its size in bytes.
    func close() throws -> Int {
        flush()
        try handle.close()
        return bytesWritten
    }

    private func flush() {
        bytesWritten += buffer.utf8.count
        handle.write(Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }
}
