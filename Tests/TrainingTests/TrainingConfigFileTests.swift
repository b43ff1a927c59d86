import Testing
@testable import Training

@Suite struct TrainingConfigFileTests {
    static let keys = TrainingHyperparameters.settingKeys(for: .dpo)

    func problems(_ text: String, keys: [String: TrainingConfigFile.ValueType] = keys) -> String? {
        do {
            _ = try TrainingConfigFile.parse(text, path: "F.yaml", keys: keys)
            return nil
        } catch {
            #expect(error.kind == .badConfiguration)
            return error.message
        }
    }

    @Test("A good file: numbers, integers, comments, blank lines, a document marker and CRLF")
    func goodFile() throws {
        let text = """
            ---
            # a DPO run
            learning-rate: 2e-4
            steps: 50        # a comment after the value

            lora-rank: 16\r
            beta: 1
            seed: 7
            lora-dropout: .05

            """
        let file = try TrainingConfigFile.parse(text, path: "F.yaml", keys: Self.keys)
        #expect(file.values == [
            "learning-rate": .number(2e-4), "steps": .integer(50), "lora-rank": .integer(16), "beta": .number(1),
            "seed": .integer(7), "lora-dropout": .number(0.05),
        ])
        #expect(file.settings["steps"]?.line == 4)
        #expect(file.path == "F.yaml")
    }

    @Test("Quotes, tabs after the colon, # inside values, and booleans")
    func quotesTabsAndBooleans() throws {
        let keys: [String: TrainingConfigFile.ValueType] = ["name": .string, "other": .string, "plain": .string, "flag": .boolean, "off": .boolean]
        let text = """
            name: "a # not a comment \\"quoted\\""  # a comment
            other: 'it''s'
            plain:\tx#y
            flag: true
            off: False
            """
        let file = try TrainingConfigFile.parse(text, path: "F.yaml", keys: keys)
        #expect(file.values == [
            "name": .string("a # not a comment \"quoted\""), "other": .string("it's"), "plain": .string("x#y"),
            "flag": .boolean(true), "off": .boolean(false),
        ])
        #expect(problems("flag: yes", keys: keys)?.contains("expected true or false") == true)
        #expect(problems("name: \"open", keys: keys)?.contains("F.yaml:1: `name`: the quoted value is not closed") == true)
        #expect(problems("name: 'a' b", keys: keys)?.contains("text after the closing quote") == true)
    }

    @Test("An unknown key names the file and line and lists the valid keys, with a near miss suggested")
    func unknownKey() throws {
        let message = try #require(problems("steps: 5\nlearning_rate: 1e-3\n"))
        #expect(message.hasPrefix("F.yaml:2: unknown key `learning_rate`. Did you mean `learning-rate`? Valid keys here: "))
        #expect(message.contains("Valid keys here: batch-size, beta, gradient-accumulation, learning-rate,"))
        // A key of another method is unknown here: SFT takes no beta.
        let sft = try #require(problems("beta: 0.2", keys: TrainingHyperparameters.settingKeys(for: .sft)))
        #expect(sft.contains("F.yaml:1: unknown key `beta`"))
        #expect(!sft.contains("beta,"))
    }

    @Test("A bad value says which type was expected", arguments: [
        ("steps: fifty", "F.yaml:1: `steps`: expected an integer (e.g. 50), got `fifty`"),
        ("steps: 50.5", "expected an integer (e.g. 50), got `50.5`; write a whole number"),
        ("steps: \"50\"", "got the string \"50\" (a quoted value is a string: remove the quotes)"),
        ("learning-rate: 1e", "`learning-rate`: expected a number (e.g. 2e-4 or 0.1), got `1e`"),
        ("learning-rate: inf", "expected a number"),
        ("seed: -1", "`seed`: expected a non-negative integer"),
        ("steps:", "`steps` has no value; give one or delete the line"),
        ("steps:50", "no space after the colon; write `steps: 50`"),
        ("steps 50", "expected `key: value`"),
        ("steps: [1, 2]", "lists, maps, anchors"),
    ])
    func badValue(line: String, expected: String) throws {
        let message = try #require(problems(line))
        #expect(message.contains(expected), "\(message)")
    }

    @Test("A key set twice is an error naming both lines; every problem is reported at once")
    func duplicateKey() throws {
        let message = try #require(problems("steps: 5\nbeta: 0.1\nsteps: 6\nthreads: x\n"))
        let lines = message.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == "F.yaml:3: `steps` is set again (first on line 1); keep one of the two lines")
        #expect(lines[1].hasPrefix("F.yaml:4: `threads`: expected an integer"))
    }

    @Test("Indentation is refused, a tab named as such")
    func indentation() throws {
        #expect(problems("\tsteps: 5")?.contains("F.yaml:1: a tab indents this line") == true)
        #expect(problems("  steps: 5")?.contains("F.yaml:1: this line is indented") == true)
        #expect(problems("steps: 5\n   \n\t# a comment\n") == nil)
    }

    @Test("A missing file is named")
    func missingFile() {
        #expect(throws: TrainingError.self) { try TrainingConfigFile.load("/nonexistent/F.yaml", keys: Self.keys) }
    }

    @Test("Precedence: flags over the file over the defaults")
    func precedence() throws {
        let file = try TrainingConfigFile.parse("steps: 50\nlearning-rate: 2e-4\nbeta: 0.3\n", path: "F.yaml", keys: Self.keys)
        let defaults = TrainingHyperparameters.resolved(for: .dpo, file: nil, flags: [:])
        #expect(defaults == TrainingHyperparameters())
        let fromFile = TrainingHyperparameters.resolved(for: .dpo, file: file, flags: [:])
        #expect(fromFile.maxSteps == 50 && fromFile.learningRate == 2e-4 && fromFile.beta == 0.3)
        #expect(fromFile.loraRank == TrainingHyperparameters().loraRank)
        let flagged = TrainingHyperparameters.resolved(for: .dpo, file: file, flags: ["steps": .integer(7), "lora-rank": .integer(4)])
        #expect(flagged.maxSteps == 7 && flagged.loraRank == 4)
        #expect(flagged.learningRate == 2e-4 && flagged.beta == 0.3)
    }

    @Test("Every key a method takes sets its own hyper-parameter")
    func everyKeySets() {
        for method in TrainingMethod.allCases {
            let defaults = TrainingHyperparameters.resolved(for: method, file: nil, flags: [:])
            for (key, type) in TrainingHyperparameters.settingKeys(for: method) {
                let value: TrainingConfigFile.Value = switch type {
                case .integer, .natural: .integer(3)
                case .number: .number(0.375)
                case .boolean: .boolean(true)
                case .string: .string("x")
                case .choice(let words): .string(words.last!)
                }
                let changed = TrainingHyperparameters.resolved(for: method, file: nil, flags: [key: value])
                #expect(changed != defaults, "\(method) \(key)")
            }
        }
    }

    @Test("GRPO's and the PRM's defaults are spelled out; a pair-wise PRM gets its pair settings")
    func methodDefaults() {
        let grpo = TrainingHyperparameters.resolved(for: .grpo, file: nil, flags: [:])
        #expect(grpo.generations == 2 && grpo.maxCompletionLength == 128 && grpo.temperature == 1.0)
        #expect(TrainingHyperparameters.resolved(for: .prm, file: nil, flags: [:]).prmObjective == .pointwise)
        let pairwise = TrainingHyperparameters.resolved(for: .prm, file: nil, flags: ["objective": .string("pairwise")])
        #expect(pairwise.pairSelection == .all && pairwise.pairMargin == 0)
        #expect(pairwise.problem == nil)
        var mixed = pairwise
        mixed.prmTargets = .soft
        #expect(mixed.problem?.contains("--labels") == true)
        var pointwise = TrainingHyperparameters.resolved(for: .prm, file: nil, flags: [:])
        pointwise.pairSelection = .topBottom2
        #expect(pointwise.problem?.contains("--objective pairwise") == true)
    }
}
