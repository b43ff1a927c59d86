import Foundation
@testable import Inference
import Logging
import O1CoderTestSupport
import Synchronization
import Testing

/// Collects what reaches a logger, for checking llama.cpp's log route.
private final class CapturedLog: Sendable {
    let lines = Mutex<[(Logger.Level, String)]>([])

    func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "test.llama") { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            guard case .string(let line)? = event.metadata?["llama.log"] else { return }
            log.lines.withLock { $0.append((event.level, line)) }
        }
    }
}

@Suite struct LlamaLogRoutingTests {
    @Test("llama_decode's statuses map to the cases llama.h documents")
    func decodeStatus() {
        #expect(DecodeStatus(0) == .decoded)
        #expect(DecodeStatus(1) == .noKVSlot)
        #expect(DecodeStatus(2) == .aborted)
        #expect(DecodeStatus(-1) == .failed(-1))
        #expect(DecodeStatus(-3).description == "-3 (internal failure)")
    }

    @Test("A trace-level logger receives llama.cpp's loading log through the Swift callback; a debug-level one only its warnings", .requires(.testModel))
    func logRoute() async throws {
        let verbose = CapturedLog()
        LlamaBackend.bootstrap(logger: verbose.logger(level: .trace))
        _ = try LlamaTestModel.engine()
        let received = verbose.lines.withLock { $0 }
        #expect(received.count > 10, "model loading logs many lines at info level")
        #expect(received.allSatisfy { !$0.1.isEmpty && !$0.1.hasSuffix("\n") })

        let quiet = CapturedLog()
        LlamaBackend.bootstrap(logger: quiet.logger(level: .debug))
        // Other suites may load models meanwhile: count from the moment the route changed.
        let before = verbose.lines.withLock { $0.count }
        _ = try LlamaTestModel.engine()
        // Below trace only llama.cpp's warnings and errors pass (at .debug): a good model has few.
        let kept = quiet.lines.withLock { $0 }
        #expect(kept.count < received.count / 10 && kept.allSatisfy { $0.0 == .debug })
        #expect(verbose.lines.withLock { $0.count } == before, "the first logger is replaced, not added to")
    }
}
