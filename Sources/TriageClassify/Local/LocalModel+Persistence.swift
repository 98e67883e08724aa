import Foundation

/// File layout (little-endian):
/// `"TTLM"` · format version (UInt32) · header length (UInt32) · header JSON (``LocalModel/Metadata``, sorted keys) ·
/// weights (Float32 × labels × buckets) · FNV-1a checksum of everything before it (UInt64).
extension LocalModel {
    /// The file format this build writes and reads.
    public static let formatVersion: UInt32 = 1
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
        data.reserveCapacity(data.count + weights.count * 4 + 8)
        for weight in weights { Self.append(weight.bitPattern, to: &data) }
        let checksum = StableHash.hash(bytes: data)
        Self.append(checksum, to: &data)
        return data
    }

    /// Decodes model-file bytes; `path` only names the source in errors.
    public init(decoding data: Data, path: String = "<data>") throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 20 else {
            throw LocalModelError.corrupt(path: path, reason: "file is \(bytes.count) bytes, too short for a header")
        }
        guard Array(bytes[0..<4]) == Self.magic else { throw LocalModelError.notAModelFile(path: path) }
        let version: UInt32 = Self.read(bytes, at: 4)
        guard version == Self.formatVersion else {
            throw LocalModelError.unsupportedFormatVersion(path: path, found: version, supported: Self.formatVersion)
        }
        let stored: UInt64 = Self.read(bytes, at: bytes.count - 8)
        guard StableHash.hash(bytes: bytes[0..<(bytes.count - 8)]) == stored else {
            throw LocalModelError.corrupt(path: path, reason: "checksum mismatch")
        }
        let headerLength = Int(Self.read(bytes, at: 8) as UInt32)
        guard 12 + headerLength <= bytes.count - 8 else {
            throw LocalModelError.corrupt(path: path, reason: "header length \(headerLength) exceeds the file")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let metadata: Metadata
        do {
            metadata = try decoder.decode(Metadata.self, from: Data(bytes[12..<(12 + headerLength)]))
        } catch {
            throw LocalModelError.corrupt(path: path, reason: "header does not decode: \(error)")
        }
        let expected = metadata.labels.count * metadata.hasher.bucketCount
        let weightBytes = bytes.count - 8 - 12 - headerLength
        guard metadata.labels.count >= 2, (8...24).contains(metadata.hasher.hashBits), weightBytes == expected * 4 else {
            throw LocalModelError.corrupt(
                path: path, reason: "expected \(expected) weights for \(metadata.labels.count) labels, found \(weightBytes / 4)")
        }
        var weights = [Float](repeating: 0, count: expected)
        let start = 12 + headerLength
        for index in 0..<expected { weights[index] = Float(bitPattern: Self.read(bytes, at: start + index * 4)) }
        self.init(metadata: metadata, weights: weights)
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

    private static func read<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + index]) << (8 * index) }
        return value
    }
}
