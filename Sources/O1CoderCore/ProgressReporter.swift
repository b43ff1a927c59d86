#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Progress of a long job on stderr, with the rate and an ETA from the items done in this
/// process (resumed items are not counted as speed). On a terminal one line is redrawn in place;
/// in a log (not a TTY) a plain line is written per update, so logs stay greppable.
public final class ProgressReporter: Sendable {
    public let label: String
    private let isTerminal: Bool
    private let state: Mutex<(started: ContinuousClock.Instant, firstDone: Int?)>

    public init(label: String) {
        self.label = label
        isTerminal = isatty(2) == 1
        state = Mutex((ContinuousClock.now, nil))
    }

    /// The ETA text for `done` of `total` given when the job started and how many were done then.
    public static func eta(done: Int, total: Int, doneAtStart: Int, elapsed: Duration) -> String {
        let fresh = done - doneAtStart
        guard fresh > 0, total > done else { return total > done ? "ETA ?" : "done" }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let remaining = Int((seconds / Double(fresh) * Double(total - done)).rounded())
        return "ETA " + format(seconds: remaining)
    }

    public static func format(seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return h > 0 ? "\(h)h\(m < 10 ? "0" : "")\(m)m" : m > 0 ? "\(m)m\(s < 10 ? "0" : "")\(s)s" : "\(s)s"
    }

    public func update(done: Int, total: Int, detail: String = "") {
        let (started, firstDone) = state.withLock { state -> (ContinuousClock.Instant, Int) in
            if state.firstDone == nil { state.firstDone = done - 1 }
            return (state.started, state.firstDone ?? 0)
        }
        let eta = Self.eta(done: done, total: total, doneAtStart: firstDone, elapsed: ContinuousClock.now - started)
        let percent = total > 0 ? done * 100 / total : 100
        let line = "[\(label) \(done)/\(total) \(percent)% \(eta)] \(detail)"
        if isTerminal {
            let width = 28
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\u{1B}[2K\(bar) \(line)" + (done >= total ? "\n" : ""))
        } else {
            write(line + "\n")
        }
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
