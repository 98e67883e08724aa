/// FNV-1a hashing that is stable across runs and platforms (unlike `Hasher`), for splits and model features.
public enum StableHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Hashes the UTF-8 bytes of `string`, mixed with `seed`.
    public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var hash = offset ^ mix(seed)
        for byte in string.utf8 {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return mix(hash)
    }

    /// Hashes raw bytes (checksums of model files).
    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// A 64-bit finalizer (splitmix64) that spreads the bits of `value`.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
