import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C during a long command: run `onInterrupt` (e.g. mark the run `interrupted`), then exit
/// with 130. Finished work is already stored (one transaction per problem), so stopping at any
/// point loses only the problems in flight.
/// `@unchecked Sendable`: `source` is set once in init and only cancelled afterwards (thread-safe).
final class InterruptHandler: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            onInterrupt()
            StandardError.write("interrupted; finished problems are stored. Resume with --resume.")
            exit(130)
        }
        source.resume()
        self.source = source
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
