/// One line of a TCG tests file (`tcg generate --out`): the ``GeneratedTests`` of one problem
/// (`problemID`, `mode`, `tests` as proposed, `suite` — the kept tests in our `TestCase`
/// representation, ready for the sandbox —, `report` with the generation counts, the raw
/// `completions`), plus the `model` and `seed` that produced it.
///
/// The generated fields sit at the top level of the line (not nested), so a tests file reads as
/// the generator's own output with two fields added.
public struct TCGTestsRecord: Codable, Sendable {
    public var generated: GeneratedTests
    /// The model's name as it reported it.
    public var model: String
    /// The sampling seed of this problem (derived from the run's seed and the problem id).
    public var seed: UInt64

    private enum ExtraKeys: String, CodingKey { case model, seed }

    public init(generated: GeneratedTests, model: String, seed: UInt64) {
        self.generated = generated
        self.model = model
        self.seed = seed
    }

    public init(from decoder: any Decoder) throws {
        generated = try GeneratedTests(from: decoder)
        let extra = try decoder.container(keyedBy: ExtraKeys.self)
        model = try extra.decodeIfPresent(String.self, forKey: .model) ?? ""
        seed = try extra.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        try generated.encode(to: encoder)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(model, forKey: .model)
        try extra.encode(seed, forKey: .seed)
    }
}
