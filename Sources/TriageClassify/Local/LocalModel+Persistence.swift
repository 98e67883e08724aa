import Foundation

/// File layout (little-endian):
/// `"TTLM"` · format version (UInt32) · header length (UInt32) · header JSON (``LocalModel/Metadata``, sorted keys) ·
/// IDF (Float32 × buckets) · department weights (Float32 × (buckets + 1) × labels) · priority weights (Float32 ×
/// (buckets + 1) × priority labels, when the header has a priority head) · FNV-1a checksum of everything before it
/// (UInt64). Version 1 (complement naive Bayes, no IDF) is refused with a message to retrain.
extension LocalModel {
    /// The file format this build writes and reads.
    public static let formatVersion: UInt32 = 2
    static let magic: [UInt8] = Array("TTLM".utf8)

    /// Encodes the model as the bytes of a model file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let header = try encoder.encode(metadata)
        var data = Data(Self.magic)
        Self.append(Self.formatVersion, to: &data)
        Self.append(UInt32(header.count), to: &data)
        data.append(header)
        for array in [idf, weights, priorityWeights] {
            let littleEndian = array.map { $0.bitPattern.littleEndian }
            littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        let checksum = StableHash.hash(bytes: data)
        Self.append(checksum, to: &data)
        return data
    }

    /// Decodes model-file bytes; `path` only names the source in errors.
    public init(decoding data: Data, path: String = "<data>") throws {
        self = try data.withUnsafeBytes { raw in try Self.decode(raw, path: path) }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> LocalModel {
        guard bytes.count >= 20 else {
            throw LocalModelError.corrupt(path: path, reason: "file is \(bytes.count) bytes, too short for a header")
        }
        guard Array(bytes[0..<4]) == magic else { throw LocalModelError.notAModelFile(path: path) }
        let version: UInt32 = read(bytes, at: 4)
        guard version == formatVersion else {
            throw LocalModelError.unsupportedFormatVersion(path: path, found: version, supported: formatVersion)
        }
        let stored: UInt64 = read(bytes, at: bytes.count - 8)
        guard StableHash.hash(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 8)])) == stored else {
            throw LocalModelError.corrupt(path: path, reason: "checksum mismatch")
        }
        let headerLength = Int(read(bytes, at: 8) as UInt32)
        guard 12 + headerLength <= bytes.count - 8 else {
            throw LocalModelError.corrupt(path: path, reason: "header length \(headerLength) exceeds the file")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let metadata: Metadata
        do {
            metadata = try decoder.decode(Metadata.self, from: Data(UnsafeRawBufferPointer(rebasing: bytes[12..<(12 + headerLength)])))
        } catch {
            throw LocalModelError.corrupt(path: path, reason: "header does not decode: \(error)")
        }
        let buckets = metadata.hasher.bucketCount
        let priorityCount = metadata.priority?.labels.count ?? 0
        let expected = buckets + (buckets + 1) * (metadata.labels.count + priorityCount)
        let weightBytes = bytes.count - 8 - 12 - headerLength
        guard metadata.labels.count >= 2, (8...24).contains(metadata.hasher.hashBits), weightBytes == expected * 4 else {
            throw LocalModelError.corrupt(
                path: path, reason: "expected \(expected) weights for \(metadata.labels.count) labels, found \(weightBytes / 4)")
        }
        func floats(from start: Int, count: Int) -> [Float] {
            (0..<count).map { index in
                Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + index * 4, as: UInt32.self)))
            }
        }
        let start = 12 + headerLength
        let idf = floats(from: start, count: buckets)
        let weights = floats(from: start + buckets * 4, count: (buckets + 1) * metadata.labels.count)
        let priorityWeights = floats(from: start + (buckets + (buckets + 1) * metadata.labels.count) * 4,
                                     count: (buckets + 1) * priorityCount)
        return LocalModel(metadata: metadata, weights: weights, idf: idf, priorityWeights: priorityWeights)
    }

    /// Writes the model file atomically.
    public func save(to url: URL) throws {
        let data = try encoded()
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw LocalModelError.io(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads a model file written by ``save(to:)``.
    public static func load(from url: URL) throws -> LocalModel {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LocalModelError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try LocalModel(decoding: data, path: url.path)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func read<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
