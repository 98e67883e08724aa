import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Charset {
    /// Converts with the C library's `iconv`; `nil` when it does not know the charset.
    /// Undecodable bytes become U+FFFD and make `clean` false.
    static func iconvDecode(_ input: [UInt8], from name: String) -> (text: String, clean: Bool)? {
        let descriptor = iconv_open("UTF-8", name)
        if descriptor == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(descriptor) }

        var output = [UInt8]()
        output.reserveCapacity(input.count * 2 + 16)
        var clean = true
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var input = input
        let total = input.count
        var consumed = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var flushing = false
                while true {
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = total - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result: Int
                    if flushing {
                        result = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    } else {
                        result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    }
                    let produced = outBuffer.count - outLeft
                    output.append(contentsOf: UnsafeBufferPointer(start: outBase, count: produced))
                    consumed = total - inLeft
                    if result != -1 {
                        if flushing { break }
                        flushing = true
                        continue
                    }
                    switch errno {
                    case E2BIG:
                        continue
                    case EILSEQ, EINVAL:
                        clean = false
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        consumed += 1
                        if consumed >= total { flushing = true }
                    default:
                        clean = false
                        flushing = true
                        return
                    }
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), clean)
    }
}
