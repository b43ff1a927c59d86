#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child is chosen during selection.
public enum SelectionPolicy: Codable, Sendable, Hashable {
    /// UCT (Kocsis & Szepesvári 2006): Q/N + c·sqrt(ln N_parent / N), as in O1-CODER (spec §4.4).
    case uct(exploration: Double)
    /// PUCT (AlphaZero): Q/N + c·P·sqrt(N_parent) / (1 + N), with P the policy prior.
    case puct(exploration: Double)

    public var exploration: Double {
        switch self { case .uct(let c), .puct(let c): c }
    }

    /// Score of `child` under `parentVisits`, with the exploration constant `c` (after scheduling).
    /// Unvisited children score +infinity so they are tried first.
    func score(visits: Int, totalValue: Double, prior: Double, parentVisits: Int, c: Double) -> Double {
        switch self {
        case .uct:
            guard visits > 0 else { return .infinity }
            let exploit = totalValue / Double(visits)
            return exploit + c * sqrt(log(Double(max(parentVisits, 1))) / Double(visits))
        case .puct:
            let exploit = visits > 0 ? totalValue / Double(visits) : 0
            return exploit + c * prior * sqrt(Double(max(parentVisits, 1))) / Double(1 + visits)
        }
    }
}

/// Exploration-weight schedule over rollouts t = 0..<T (rStar's `_get_weight`, spec §4.4).
public enum ExplorationSchedule: String, Codable, Sendable, Hashable, CaseIterable {
    case constant
    /// c·0.1^(t/T)
    case exponential
    /// c·(1 − 0.9·t/T)
    case linear

    public func weight(_ c: Double, rollout t: Int, of total: Int) -> Double {
        let f = total > 0 ? Double(t) / Double(total) : 0
        switch self {
        case .constant: return c
        case .exponential: return c * pow(0.1, f)
        case .linear: return c * (1 - 0.9 * f)
        }
    }
}
