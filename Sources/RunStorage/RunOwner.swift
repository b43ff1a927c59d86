import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process that marked a run running, as `host:pid`, so that `runs list` can tell a run that
/// is working from one whose process was killed (SIGKILL, a lost machine) before it could record
/// how it ended.
public struct RunOwner: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let pid: Int32

    public init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    /// `host:pid`; nil when the text is not one (the host itself may hold colons).
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let pid = Int32(text[text.index(after: colon)...]), pid > 0 else { return nil }
        self.init(host: String(text[..<colon]), pid: pid)
    }

    public static var current: RunOwner { RunOwner(host: ProcessInfo.processInfo.hostName, pid: getpid()) }

    public var description: String { "\(host):\(pid)" }

    /// Whether the process is known to be gone: on this host, no process has its pid. A process
    /// on another host, or one this user may not signal, is not known to be gone.
    public var isGone: Bool {
        guard host == ProcessInfo.processInfo.hostName else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
