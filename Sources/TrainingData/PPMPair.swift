/// rStar-Math's process preference pair (PPM): after the same steps, a step that led to a
/// correct answer (`pos`) against one that led to a wrong answer (`neg`), with their Q values.
public struct PPMPair: Codable, Sendable, Hashable {
    /// The problem, then the steps before the pair.
    public var prompt: String
    public var prefix: [String]
    public var pos: String
    public var neg: String
    public var posQ: Double
    public var negQ: Double
    public var problemId: String

    enum CodingKeys: String, CodingKey {
        case prompt, prefix, pos, neg
        case posQ = "pos_q"
        case negQ = "neg_q"
        case problemId = "problem_id"
    }
}
