import Foundation

/// The bytes libxml2 reads, pulled from a file descriptor and counted against the input cap.
///
/// libxml2 calls ``readCallback`` with this object as its context; the object outlives the reader.
final class XMLInputSource {
    private let descriptor: Int32
    private let limit: Int64
    /// Bytes handed to libxml2 so far.
    private(set) var bytesRead: Int64 = 0
    /// Set when the file turned out larger than the cap; libxml2 then sees an I/O error.
    private(set) var exceededLimit = false
    /// Set when `read(2)` failed; the error number.
    private(set) var readErrno: Int32?
    /// Set when a start tag holds more attributes than allowed; libxml2 then sees an I/O error.
    private(set) var exceededAttributes = false
    private var attributeGuard: XMLAttributeGuard
    /// The line where the attribute cap was hit.
    var attributeLimitLine: Int { attributeGuard.line }

    /// Opens `path` for reading; throws ``ImportError/unreadable(file:reason:)`` when it cannot.
    init(path: String, displayName: String, limit: Int64, maxAttributes: Int) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ImportError.unreadable(file: displayName, reason: "\(reason); check the path and its permissions")
        }
        descriptor = fd
        self.limit = limit
        attributeGuard = XMLAttributeGuard(limit: maxAttributes)
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` with up to `length` bytes; 0 at end of file, -1 on error or past the cap.
    func fill(_ buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        if exceededLimit || exceededAttributes { return -1 }
        var count: Int
        repeat {
            count = Foundation.read(descriptor, buffer, length)
        } while count < 0 && errno == EINTR
        if count < 0 {
            readErrno = errno
            return -1
        }
        bytesRead += Int64(count)
        if bytesRead > limit {
            exceededLimit = true
            return -1
        }
        guard attributeGuard.scan(UnsafeRawBufferPointer(start: buffer, count: count)) else {
            exceededAttributes = true
            return -1
        }
        return Int32(count)
    }

    /// The `xmlInputReadCallback` that libxml2 calls with an unretained ``XMLInputSource`` as context.
    static let readCallback: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32 = {
        context, buffer, length in
        guard let context, let buffer, length > 0 else { return -1 }
        let source = Unmanaged<XMLInputSource>.fromOpaque(context).takeUnretainedValue()
        return source.fill(buffer, length: Int(length))
    }
}
