import CCurl
import Foundation
import Synchronization

/// One request's easy handle and state. Callbacks and completion run on the loop thread only;
/// `cancel()` may be called from anywhere.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let host: String
    private let loop: CurlMultiLoop
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let totalTimeout: Duration
    private let connectTimeout: Duration
    private let idleTimeout: Duration?
    private let cancelled = Atomic<Bool>(false)
    /// The request body and how much of it libcurl has read (loop thread).
    private let uploadBody: Data
    private var uploadOffset = 0

    // Loop-thread state (the head continuation is set before the transfer is handed to the loop).
    private var headContinuation: CheckedContinuation<HTTPResponse, any Error>?
    private let bodyStream: AsyncThrowingStream<Data, any Error>
    private let bodyContinuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var status = 0
    private var headers = HTTPHeaders()
    private var lastActivity = ContinuousClock.now
    private var lastProgress: (Int64, Int64) = (0, 0)
    private var abortReason: NetworkError?

    init(request: HTTPRequest, configuration: CurlTransport.Configuration, loop: CurlMultiLoop) throws {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = request.url.host else {
            throw NetworkError.invalidRequest("URL must be absolute http(s): \(request.url.absoluteString)")
        }
        guard let easy = curl_easy_init() else {
            throw NetworkError.invalidRequest("curl_easy_init failed (out of memory?)")
        }
        self.easy = easy
        self.host = host
        self.loop = loop
        self.totalTimeout = request.timeout ?? configuration.timeout
        self.connectTimeout = configuration.connectTimeout
        self.idleTimeout = request.idleTimeout ?? configuration.idleTimeout
        self.uploadBody = request.body ?? Data()
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        (bodyStream, bodyContinuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        bodyContinuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.cancel() }
        }
        configure(request: request, configuration: configuration)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Hands the transfer to the loop; `continuation` receives the response head or the failure.
    func start(headContinuation continuation: CheckedContinuation<HTTPResponse, any Error>) {
        headContinuation = continuation
        if !loop.enqueue(self) {
            headContinuation = nil
            continuation.resume(throwing: NetworkError.cancelled)
        }
    }

    /// Aborts the transfer from any thread.
    func cancel() {
        cancelled.store(true, ordering: .releasing)
        loop.wake()
    }

    private var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    // MARK: - Options

    private func configure(request: HTTPRequest, configuration: CurlTransport.Configuration) {
        let selfPointer = Unmanaged.passUnretained(self).toOpaque()
        _ = tt_easy_setopt_string(easy, CURLOPT_URL, request.url.absoluteString)
        _ = tt_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = tt_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        _ = tt_easy_setopt_long(easy, CURLOPT_HTTP_VERSION,
                                configuration.allowHTTP2 ? tt_http_version_2tls() : tt_http_version_1_1())
        _ = tt_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connectTimeout.milliseconds)
        _ = tt_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, totalTimeout.milliseconds)
        _ = tt_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = tt_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent)
        if request.freshConnection {
            _ = tt_easy_setopt_long(easy, CURLOPT_FRESH_CONNECT, 1)
            _ = tt_easy_setopt_long(easy, CURLOPT_FORBID_REUSE, 1)
        }
        if let caBundlePath = configuration.caBundlePath {
            _ = tt_easy_setopt_string(easy, CURLOPT_CAINFO, caBundlePath)
        }
        configureMethod(request)

        for field in request.headers {
            headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        // No `Expect: 100-continue` round trip for larger bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        _ = tt_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)

        _ = tt_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = tt_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, selfPointer)
        _ = tt_easy_setopt_header_callback(easy, curlHeaderCallback)
        _ = tt_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, selfPointer)
        _ = tt_easy_setopt_xferinfo_callback(easy, curlProgressCallback)
        _ = tt_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, selfPointer)
        _ = tt_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0)
    }

    private func configureMethod(_ request: HTTPRequest) {
        let method = request.method.uppercased()
        switch method {
        case "GET" where request.body == nil:
            _ = tt_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case "HEAD":
            _ = tt_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        default:
            _ = tt_easy_setopt_long(easy, CURLOPT_POST, 1)
            if method != "POST" { _ = tt_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method) }
            // The body goes through the read callback with a seek callback that refuses to rewind: libcurl's
            // own re-send on a dead reused connection (after the request left) then fails with
            // CURLE_SEND_FAIL_REWIND instead of repeating the request behind the caller's retry policy.
            let selfPointer = Unmanaged.passUnretained(self).toOpaque()
            _ = tt_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(uploadBody.count))
            _ = tt_easy_setopt_read_callback(easy, curlReadCallback)
            _ = tt_easy_setopt_pointer(easy, CURLOPT_READDATA, selfPointer)
            _ = tt_easy_setopt_seek_callback(easy, curlSeekCallback)
            _ = tt_easy_setopt_pointer(easy, CURLOPT_SEEKDATA, selfPointer)
        }
    }

    /// The read callback: the next bytes of the body.
    func readBody(into buffer: UnsafeMutablePointer<CChar>?, capacity: Int) -> Int {
        if isCancelled { return Int(CURL_READFUNC_ABORT) }
        guard let buffer, uploadOffset < uploadBody.count else { return 0 }
        let count = min(capacity, uploadBody.count - uploadOffset)
        uploadBody.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        lastActivity = .now
        return count
    }

    // MARK: - Callbacks (loop thread)

    func didReceiveHeader(_ buffer: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        lastActivity = .now
        guard let buffer else { return count }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        let line = Self.trimmed(bytes[...])
        if line.isEmpty {
            if status >= 200 { deliverHeadIfNeeded() }
        } else if line.starts(with: Self.httpPrefix) {
            headers = HTTPHeaders()
            let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            status = parts.count > 1 ? Int(String(decoding: parts[1], as: UTF8.self)) ?? 0 : 0
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = Self.trimmed(line[..<colon])
            let value = Self.trimmed(line[(colon + 1)...])
            headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
        }
        return count
    }

    private static let httpPrefix = Array("HTTP/".utf8)

    /// The bytes without leading and trailing spaces, tabs, CR and LF.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    func didReceiveBody(_ buffer: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        if isCancelled { return 0 }
        lastActivity = .now
        deliverHeadIfNeeded()
        if count > 0, let buffer {
            bodyContinuation.yield(Data(bytes: buffer, count: count))
        }
        return count
    }

    /// The XFERINFO callback: non-zero aborts the transfer (cancellation, idle timeout).
    func didProgress(downloaded: Int64, uploaded: Int64) -> Int32 {
        let now = ContinuousClock.now
        if (downloaded, uploaded) != lastProgress {
            lastProgress = (downloaded, uploaded)
            lastActivity = now
        }
        if let failure = overdueFailure(now: now) {
            abortReason = failure
            return 1
        }
        return 0
    }

    /// Cancellation or idle timeout due at `now`, if any.
    func overdueFailure(now: ContinuousClock.Instant) -> NetworkError? {
        if isCancelled { return .cancelled }
        if let idleTimeout, now - lastActivity > idleTimeout {
            return .timedOut(.idle, host: host, after: idleTimeout)
        }
        return nil
    }

    private func deliverHeadIfNeeded() {
        guard let continuation = headContinuation else { return }
        headContinuation = nil
        if status == 0 {
            var code = 0
            _ = tt_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
            status = code
        }
        continuation.resume(returning: HTTPResponse(status: status, headers: headers, body: HTTPBody(stream: bodyStream)))
    }

    // MARK: - Completion (loop thread, after removal from the multi handle)

    func complete(code: CURLcode, forced: NetworkError?) {
        let failure: NetworkError?
        if let forced {
            failure = forced
        } else if isCancelled {
            failure = .cancelled
        } else if code == CURLE_OK {
            failure = nil
        } else if code == CURLE_ABORTED_BY_CALLBACK {
            failure = abortReason ?? .cancelled
        } else {
            failure = error(for: code)
        }
        if let failure {
            if let continuation = headContinuation {
                headContinuation = nil
                continuation.resume(throwing: failure)
            }
            bodyContinuation.finish(throwing: failure)
        } else {
            deliverHeadIfNeeded()
            bodyContinuation.finish()
        }
    }

    private func error(for code: CURLcode) -> NetworkError {
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch Int(code.rawValue) {
        case 5, 6, 7:
            return .connectionFailed(host: host, detail: detail)
        case 28:
            var connectTime = 0.0
            _ = tt_easy_getinfo_double(easy, CURLINFO_CONNECT_TIME, &connectTime)
            return connectTime == 0 && headContinuation != nil
                ? .timedOut(.connect, host: host, after: connectTimeout)
                : .timedOut(.total, host: host, after: totalTimeout)
        case 35, 51, 58, 60, 77, 83, 90, 91:
            return .tls(host: host, detail: detail)
        case 8, 16, 18, 52, 55, 56, 92:
            return .connectionLost(host: host, detail: detail)
        case 65:
            // libcurl wanted to re-send the request on a new connection after a reused one died; the request
            // had already been sent, so whether to repeat it is the caller's decision.
            return .connectionLost(host: host, detail: "the reused connection closed after the request was sent (\(detail))")
        case 1, 3:
            return .invalidRequest(detail)
        default:
            return .transfer(code: Int(code.rawValue), host: host, detail: detail)
        }
    }
}

// MARK: - C callbacks

private let curlWriteCallback: tt_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        .didReceiveBody(buffer, count: size * count)
}

private let curlReadCallback: tt_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return Int(CURL_READFUNC_ABORT) }
    return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        .readBody(into: buffer, capacity: size * count)
}

/// Rewinding the body is refused: a request is repeated only by the caller's retry policy.
private let curlSeekCallback: tt_seek_callback = { _, _, _ in
    tt_seekfunc_fail()
}

private let curlHeaderCallback: tt_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        .didReceiveHeader(buffer, count: size * count)
}

private let curlProgressCallback: tt_xferinfo_callback = { userdata, _, downloaded, _, uploaded in
    guard let userdata else { return 1 }
    return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        .didProgress(downloaded: Int64(downloaded), uploaded: Int64(uploaded))
}

extension Duration {
    /// Whole milliseconds, for libcurl's `_MS` options.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
