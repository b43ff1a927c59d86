#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Progress of a long job on stderr, the one renderer of ``ProgressStep``s, with an ETA from the
/// items done in this process (resumed items are not counted as speed). On a terminal one line is
/// redrawn in place; in a log (not a TTY) a plain line `[label done/total pct% ETA] detail` is
/// written per item, at most one per percent of the job unless ten seconds have passed, so logs
/// stay greppable without flooding.
public final class ProgressReporter: Sendable {
    public let label: String
    private let isTerminal: Bool
    private struct State {
        var started = ContinuousClock.now
        var firstDone: Int?
        var lastWritten: (done: Int, at: ContinuousClock.Instant)?
    }
    private let state = Mutex(State())

    public init(label: String) {
        self.label = label
        isTerminal = isatty(2) == 1
    }

    /// Renders one step of the job.
    public func update(_ step: some ProgressStep) {
        update(done: step.done, total: step.total, detail: step.detail)
    }

    /// The ETA text for `done` of `total` given when the job started and how many were done then.
    public static func eta(done: Int, total: Int, doneAtStart: Int, elapsed: Duration) -> String {
        let fresh = done - doneAtStart
        guard fresh > 0, total > done else { return total > done ? "ETA ?" : "done" }
        let seconds = elapsed.seconds
        let remaining = Int((seconds / Double(fresh) * Double(total - done)).rounded())
        return "ETA " + format(seconds: remaining)
    }

    /// Whether a log line is written for `done`: the first and the last item, and otherwise once
    /// a percent of the job or ten seconds have passed since the last line.
    public static func isDue(
        done: Int, total: Int, last: (done: Int, at: ContinuousClock.Instant)?, now: ContinuousClock.Instant
    ) -> Bool {
        guard let last, done < total else { return true }
        return (done - last.done) * 100 >= total || now - last.at >= .seconds(10)
    }

    public static func format(seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return h > 0 ? "\(h)h\(m < 10 ? "0" : "")\(m)m" : m > 0 ? "\(m)m\(s < 10 ? "0" : "")\(s)s" : "\(s)s"
    }

    public func update(done: Int, total: Int, detail: String = "") {
        let now = ContinuousClock.now
        let terminal = isTerminal
        let (started, firstDone, due) = state.withLock { state -> (ContinuousClock.Instant, Int, Bool) in
            if state.firstDone == nil { state.firstDone = done - 1 }
            let due = terminal || Self.isDue(done: done, total: total, last: state.lastWritten, now: now)
            if due { state.lastWritten = (done, now) }
            return (state.started, state.firstDone ?? 0, due)
        }
        guard due else { return }
        let eta = Self.eta(done: done, total: total, doneAtStart: firstDone, elapsed: now - started)
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
