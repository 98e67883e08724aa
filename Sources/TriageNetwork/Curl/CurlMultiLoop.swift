import CCurl
import Foundation
import Synchronization

/// Owns a curl multi handle and the thread that drives it; transfers are handed over through a mutex.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var added: [CurlTransfer] = []
        var stopping = false
        /// Set (under the lock) just before the multi handle is cleaned up: no more wake-ups then.
        var closed = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    /// Transfers inside the multi handle, by easy handle. Touched only on the loop thread.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(maxConnectionsPerHost: Int) {
        multi = curl_multi_init()
        _ = tt_multi_setopt_long(multi, CURLMOPT_PIPELINING, tt_pipe_multiplex())
        if maxConnectionsPerHost > 0 {
            _ = tt_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        }
        let thread = Thread { [self] in run() }
        thread.name = "TriageNetwork.curl"
        thread.start()
    }

    /// Hands a transfer to the loop thread.
    /// Returns false when the loop has already shut down.
    func enqueue(_ transfer: CurlTransfer) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.added.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
    }

    /// Interrupts the loop's wait so it notices cancellations promptly.
    func wake() {
        inbox.withLock { inbox in
            if !inbox.closed { curl_multi_wakeup(multi) }
        }
    }

    /// Asks the thread to abort what is left and exit.
    func stop() {
        inbox.withLock { inbox in
            inbox.stopping = true
            if !inbox.closed { curl_multi_wakeup(multi) }
        }
    }

    // MARK: - Loop thread

    private func run() {
        while true {
            let (added, stopping) = inbox.withLock { inbox in
                defer { inbox.added.removeAll() }
                return (inbox.added, inbox.stopping)
            }
            for transfer in added {
                active[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            if stopping {
                for transfer in active.values { finish(transfer, code: CURLE_ABORTED_BY_CALLBACK, forced: .cancelled) }
                inbox.withLock { $0.closed = true }
                curl_multi_cleanup(multi)
                return
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            readCompletions()
            sweep()
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 1000 : 50, nil)
        }
    }

    private func readCompletions() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard tt_multi_msg_is_done(message) != 0, let easy = message.pointee.easy_handle,
                  let transfer = active[easy] else { continue }
            finish(transfer, code: tt_multi_msg_result(message), forced: nil)
        }
    }

    /// Ends transfers that were cancelled or went silent for too long.
    private func sweep() {
        let now = ContinuousClock.now
        for transfer in Array(active.values) {
            if let failure = transfer.overdueFailure(now: now) {
                finish(transfer, code: CURLE_ABORTED_BY_CALLBACK, forced: failure)
            }
        }
    }

    private func finish(_ transfer: CurlTransfer, code: CURLcode, forced: NetworkError?) {
        curl_multi_remove_handle(multi, transfer.easy)
        active[transfer.easy] = nil
        transfer.complete(code: code, forced: forced)
    }
}
