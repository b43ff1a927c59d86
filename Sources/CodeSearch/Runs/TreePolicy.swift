public import Search

/// The tree policy of `--selection`.
public enum TreePolicy: String, CaseIterable, Sendable {
    case uct
    case puct

    /// The selection policy for a `--selection` choice with exploration constant `exploration`
    /// (nil: the preset's). No choice keeps the preset's policy, except that a process reward
    /// model turns on PUCT: its priors are what the PRM shapes, and UCT ignores priors.
    public static func selection(
        _ choice: TreePolicy?, preset: SelectionPolicy, exploration: Double?, hasProcessReward: Bool
    ) -> SelectionPolicy {
        let c = exploration ?? preset.exploration
        switch choice {
        case .puct: return .puct(exploration: c)
        case .uct: return .uct(exploration: c)
        case nil:
            return hasProcessReward || preset == .puct(exploration: preset.exploration) ? .puct(exploration: c) : .uct(exploration: c)
        }
    }
}
