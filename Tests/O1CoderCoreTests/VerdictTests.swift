import Foundation
import O1CoderCore
import Testing

@Suite struct VerdictTests {
    @Test("A verdict's kind is named as the status of the test that decides it, and codes as that name")
    func kindNames() throws {
        for kind in Verdict.Kind.allCases {
            #expect(TestStatus(rawValue: kind.rawValue) != nil, "\(kind)")
        }
        let verdicts: [Verdict] = [
            .passed, .failed(test: 2, message: nil), .timeout(test: nil), .memoryLimit, .outputLimit,
            .runtimeError(message: "x"), .compileError(message: nil), .sandboxError(message: "y"),
        ]
        #expect(Set(verdicts.map(\.kind)) == Set(Verdict.Kind.allCases))
        #expect(verdicts.allSatisfy { $0.name == $0.kind.rawValue })
        #expect(try JSONCoding.string(Verdict.Kind.memoryLimit) == #""memory_limit""#)
    }
}
