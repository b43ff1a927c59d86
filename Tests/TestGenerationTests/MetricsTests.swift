import Synchronization
import Inference
import O1CoderCore
import Testing
@testable import TestGeneration

@Suite struct MetricsTests {
    @Test("pass rate: micro, macro, strict and lenient on hand-made records")
    func passRate() throws {
        let records = [
            ReferencePassRecord(problemID: "a", evaluated: 4, passed: 3, unparsable: 0),  // 3/4, 3/4
            ReferencePassRecord(problemID: "b", evaluated: 1, passed: 1, unparsable: 1),  // 1/2, 1/1
            ReferencePassRecord(problemID: "c", evaluated: 0, passed: 0, unparsable: 3),  // 0/3, none
            ReferencePassRecord(problemID: "d", evaluated: 0, passed: 0, unparsable: 0),  // none, none
        ]

        let summary = PassRateSummary(records)

        #expect(summary.problems == 4)
        #expect(summary.strictMicro == 4.0 / 9.0)
        #expect(summary.lenientMicro == 4.0 / 5.0)
        #expect(try #require(summary.strictMacro) == (0.75 + 0.5 + 0.0) / 3)
        #expect(try #require(summary.lenientMacro) == (0.75 + 1.0) / 2)
        #expect(PassRateSummary([]).strictMicro == nil)
    }

    @Test("discrimination: micro over wrong solutions, macro over problems, per source")
    func discrimination() throws {
        let a = DiscriminationRecord(problemID: "a", outcomes: [
            (.mutant, true), (.mutant, true), (.mutant, false), (.sample, true),
        ])
        let b = DiscriminationRecord(problemID: "b", outcomes: [(.sample, false)])
        let c = DiscriminationRecord(problemID: "c", outcomes: [])

        let summary = DiscriminationSummary([a, b, c])

        #expect(a.rate == 0.75)
        #expect(c.rate == nil)
        #expect(summary.wrongSolutions == 5)
        #expect(summary.rejected == 3)
        #expect(summary.micro == 0.6)
        #expect(summary.macro == (0.75 + 0.0) / 2)
        #expect(summary.microBySource[.mutant] == 2.0 / 3.0)
        #expect(summary.microBySource[.sample] == 0.5)
    }

    @Test("agreement, precision and recall from verdict pairs")
    func agreement() {
        let matrix = AgreementMatrix(verdicts: [
            (true, true), (true, true), (true, false),  // TP TP FP
            (false, true),  // FN
            (false, false), (false, false), (false, false),  // TN TN TN
        ])

        #expect(matrix.truePositives == 2 && matrix.falsePositives == 1)
        #expect(matrix.falseNegatives == 1 && matrix.trueNegatives == 3)
        #expect(matrix.agreement == 5.0 / 7.0)
        #expect(matrix.precision == 2.0 / 3.0)
        #expect(matrix.recall == 2.0 / 3.0)
        #expect(AgreementMatrix().precision == nil)
        #expect((matrix + matrix).total == 14)
    }

    @Test("records encode to JSON with readable keys")
    func codable() throws {
        let summary = DiscriminationSummary([DiscriminationRecord(problemID: "a", outcomes: [(.mutant, true)])])
        let text = String(decoding: try JSONEncoderForTests.encode(summary), as: UTF8.self)
        #expect(text.contains("\"mutant\""))
    }
}

import Foundation

enum JSONEncoderForTests {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }
}
