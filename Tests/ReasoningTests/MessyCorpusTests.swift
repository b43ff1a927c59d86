import O1CoderCore
import Foundation
import Reasoning
import Testing

/// A corpus of messy model outputs (`Corpus/*.txt`) with expected parse results (`Corpus/cases.json`).
@Suite struct MessyCorpusTests {
    struct Expectation: Decodable, Sendable {
        var outcome: String
        var failure: String?
        var actions: [String]?
        var code: String?
        var source: String?
        var issues: [String]
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var mode: String
        var entryPoint: String?
        var labelPolicy: TraceParser.LabelPolicy?
        var forcedAction: ReasoningAction?
        var stoppedAtStepEnd: Bool?
        var expect: Expectation
        var testDescription: String { file }
    }

    static let cases: [Case] = {
        guard let json = try? TestResources.corpusFile("cases.json"),
            let cases = try? JSONDecoder().decode([Case].self, from: Data(json.utf8))
        else { return [] }
        return cases
    }()

    @Test("The corpus loads and has at least 20 cases")
    func corpusLoads() {
        #expect(Self.cases.count >= 20)
    }

    @Test("Each messy output parses to its expected result", arguments: cases)
    func parsesAsExpected(_ testCase: Case) throws {
        let text = try TestResources.corpusFile(testCase.file)
        let expect = testCase.expect
        switch testCase.mode {
        case "trace":
            let parser = TraceParser(labelPolicy: testCase.labelPolicy ?? .strict)
            let outcome = parser.parseTrace(text, entryPoint: testCase.entryPoint)
            #expect(outcome.issues.map(\.kind).sorted() == expect.issues)
            switch outcome {
            case .parsed(let parsed):
                #expect(expect.outcome == "parsed")
                #expect(parsed.trace.steps.map(\.action.rawValue) == expect.actions)
                #expect(parsed.code?.code == expect.code)
            case .unparsable(let failure, _):
                #expect(expect.outcome == "unparsable")
                #expect(failure.kind == expect.failure)
            }
        case "step":
            let outcome = TraceParser().parseStep(
                continuation: text, forcedAction: testCase.forcedAction,
                stoppedAtStepEnd: testCase.stoppedAtStepEnd ?? true, entryPoint: testCase.entryPoint)
            #expect(outcome.issues.map(\.kind).sorted() == expect.issues)
            switch outcome {
            case .parsed(let step, let code, _):
                #expect(expect.outcome == "parsed")
                #expect([step.action.rawValue] == expect.actions)
                #expect(code?.code == expect.code)
            case .unparsable(let failure, _):
                #expect(expect.outcome == "unparsable")
                #expect(failure.kind == expect.failure)
            }
        default:
            switch CodeExtractor.extract(from: text, entryPoint: testCase.entryPoint) {
            case .found(let code):
                #expect(expect.outcome == "found")
                #expect(code.code == expect.code)
                #expect(code.source.rawValue == expect.source)
                #expect(code.issues.map(\.kind).sorted() == expect.issues)
            case .failed(let failure):
                #expect(expect.outcome == "failed")
                #expect(failure.kind == expect.failure)
            }
        }
    }
}
