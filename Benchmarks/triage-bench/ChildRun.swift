import Foundation

/// Runs a program as a child process and measures it: wall time, CPU time and peak RSS from `wait4`, so a
/// measured phase's memory is its own and the program measured is the one users run.
///
/// Linux counts the spawning process's resident size into the child's `ru_maxrss` (the child starts as a copy),
/// so a child that stays below this benchmark's own RSS (≈ 40 MiB) reports that figure instead of its own.
struct ChildRun {
    var status: Int32
    var seconds: Double
    var cpuSeconds: Double
    var peakRSSMiB: Double
    /// What the child wrote on stdout (also echoed to ours as it ends).
    var output: String

    static func run(_ arguments: [String], echo: Bool = true) throws -> ChildRun {
        var pipe: [Int32] = [0, 0]
        guard Foundation.pipe(&pipe) == 0 else { throw BenchError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(pipe[0], &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            output += buffer[0..<n]
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = BenchSupport.seconds(clock.now - start)
        let text = String(decoding: output, as: UTF8.self)
        if echo { print(text, terminator: text.hasSuffix("\n") || text.isEmpty ? "" : "\n") }
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exited = status & 0x7f == 0
        return ChildRun(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), seconds: seconds, cpuSeconds: cpu,
                        peakRSSMiB: Double(usage.ru_maxrss) / 1024, output: text)
    }
}

/// A benchmark that cannot go on, with what to do.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
