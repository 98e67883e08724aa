/// Finds the elements of JSON arrays at given key paths in a stream of bytes and hands each element's bytes
/// over on its own, so a multi-gigabyte export is parsed one record at a time.
///
/// Only structure is tracked (strings, escapes, nesting, object keys); the element bytes are parsed later by
/// a real JSON parser, which reports what is wrong inside one record without stopping the others.
/// A path is the list of object keys from the root (`["tickets"]`, `["data", "items"]`); `[]` is a
/// top-level array.
struct JSONRecordScanner {
    /// One element found in one of the target arrays.
    struct Element {
        /// Index into the scanner's `paths`.
        var pathIndex: Int
        var bytes: [UInt8]
        /// 1-based line where the element starts.
        var line: Int
        /// 1-based index among the elements of that array.
        var index: Int
    }

    enum Event {
        case element(Element)
        /// An element larger than the limit: skipped, not buffered.
        case tooLarge(pathIndex: Int, line: Int, index: Int, bytes: Int)
    }

    let paths: [[String]]
    let maxElementBytes: Int

    // Structure state.
    private var containers: [UInt8] = []          // '{' or '['
    private var keys: [String?] = []              // key under which each open container sits (nil in arrays)
    private var expectingKey = false
    private var pendingKey: String?
    private var inString = false
    private var escaped = false
    private var collectingKey = false
    private var keyBytes: [UInt8] = []
    private var line = 1

    // Capture state.
    private var capturePath: Int?                 // set while inside a target array
    private var captureDepth = 0                  // container depth of the target array
    private var capturing = false
    private var captured: [UInt8] = []
    private var captureOverflow = 0
    private var captureStartLine = 0
    private var elementCounts: [Int]

    init(paths: [[String]], maxElementBytes: Int) {
        self.paths = paths
        self.maxElementBytes = maxElementBytes
        elementCounts = Array(repeating: 0, count: paths.count)
    }

    /// Whether the stream ended outside any container (a complete document).
    var isComplete: Bool { containers.isEmpty && !inString }
    /// The current 1-based line.
    var currentLine: Int { line }
    /// How many elements each path had.
    var counts: [Int] { elementCounts }

    /// Feeds the next chunk; calls `emit` for every element completed in it.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, emit: (Event) throws -> Void) throws {
        var i = 0
        let n = chunk.count
        var captureFrom = capturing ? 0 : -1
        while i < n {
            let byte = chunk[i]
            if byte == 10 { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                    if collectingKey { keyBytes.append(byte) }
                } else if byte == 92 {        // backslash
                    escaped = true
                    if collectingKey { keyBytes.append(byte) }
                } else if byte == 34 {        // closing quote
                    inString = false
                    if collectingKey {
                        collectingKey = false
                        pendingKey = String(decoding: keyBytes, as: UTF8.self)
                        expectingKey = false
                    }
                } else if collectingKey {
                    keyBytes.append(byte)
                }
                i += 1
                continue
            }
            switch byte {
            case 34:                          // opening quote
                inString = true
                if !capturing, containers.last == 123, expectingKey {
                    collectingKey = true
                    keyBytes.removeAll(keepingCapacity: true)
                } else if capturePath != nil, !capturing, containers.count == captureDepth {
                    // A scalar element in a target array: captured like any other element.
                    startCapture(at: i, captureFrom: &captureFrom)
                }
            case 123, 91:                     // { [
                if capturePath != nil, !capturing, containers.count == captureDepth {
                    startCapture(at: i, captureFrom: &captureFrom)
                }
                let key: String? = containers.last == 123 ? pendingKey : nil
                containers.append(byte)
                keys.append(key)
                expectingKey = byte == 123
                pendingKey = nil
                if !capturing, byte == 91, capturePath == nil, let index = matchingPath() {
                    capturePath = index
                    captureDepth = containers.count
                }
            case 125, 93:                     // } ]
                if capturing, containers.count == captureDepth {
                    // A scalar element ends at the array's closing bracket.
                    try endCapture(chunk, upTo: i, captureFrom: &captureFrom, emit: emit)
                }
                guard !containers.isEmpty else { break }
                containers.removeLast()
                keys.removeLast()
                if capturing, containers.count == captureDepth {
                    try endCapture(chunk, upTo: i + 1, captureFrom: &captureFrom, emit: emit)
                } else if capturePath != nil, containers.count < captureDepth {
                    capturePath = nil
                }
                expectingKey = false
            case 44:                          // ,
                if capturing, containers.count == captureDepth {
                    // End of a scalar element.
                    try endCapture(chunk, upTo: i, captureFrom: &captureFrom, emit: emit)
                }
                expectingKey = containers.last == 123
            default:
                if !capturing, capturePath != nil, containers.count == captureDepth,
                   byte != 32, byte != 10, byte != 13, byte != 9, byte != 58 {
                    startCapture(at: i, captureFrom: &captureFrom)
                }
            }
            i += 1
        }
        if capturing, captureFrom >= 0 { appendCaptured(chunk, from: captureFrom, to: n) }
    }

    private func matchingPath() -> Int? {
        let current = keys.dropFirst()           // the root container sits under no key
        if keys.count == 1, let index = paths.firstIndex(of: []) { return index }
        guard current.allSatisfy({ $0 != nil }) else { return nil }
        let path = current.map { $0! }
        return paths.firstIndex(of: Array(path))
    }

    private mutating func startCapture(at i: Int, captureFrom: inout Int) {
        capturing = true
        captured.removeAll(keepingCapacity: true)
        captureOverflow = 0
        captureStartLine = line
        captureFrom = i
    }

    private mutating func appendCaptured(_ chunk: UnsafeRawBufferPointer, from: Int, to: Int) {
        guard to > from else { return }
        if captureOverflow > 0 || captured.count + (to - from) > maxElementBytes {
            captureOverflow = max(captureOverflow, captured.count) + (to - from)
            captured.removeAll()
        } else {
            captured.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[from..<to]))
        }
    }

    private mutating func endCapture(_ chunk: UnsafeRawBufferPointer, upTo end: Int, captureFrom: inout Int,
                                     emit: (Event) throws -> Void) throws {
        appendCaptured(chunk, from: max(captureFrom, 0), to: end)
        capturing = false
        captureFrom = -1
        let pathIndex = capturePath ?? 0
        elementCounts[pathIndex] += 1
        if captureOverflow > 0 {
            try emit(.tooLarge(pathIndex: pathIndex, line: captureStartLine, index: elementCounts[pathIndex], bytes: captureOverflow))
        } else {
            try emit(.element(Element(pathIndex: pathIndex, bytes: captured, line: captureStartLine,
                                      index: elementCounts[pathIndex])))
        }
        captured.removeAll(keepingCapacity: true)
    }
}
