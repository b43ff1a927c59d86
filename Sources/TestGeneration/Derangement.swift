/// Value derangements: permutations that move every item onto a position holding a different
/// value, so no input keeps an output equal to its own (decision D10; the paper's "shuffled
/// outputs" can be a no-op when outputs repeat).
public enum Derangement {
    /// A permutation `p` of `values.indices` with `values[p[i]] != values[i]` for every `i`, or
    /// nil when none exists (fewer than 2 values, or one value fills more than half the
    /// positions).
    ///
    /// Construction: shuffle, stably group equal values together, then map each position to the
    /// one `m` places further on (cyclically), where `m` is the largest group size. Since every
    /// group is contiguous and no longer than `m ≤ n/2`, the target always lies in another group.
    public static func permutation<T: Hashable>(
        of values: [T], using rng: inout some RandomNumberGenerator
    ) -> [Int]? {
        let n = values.count
        guard n >= 2 else { return nil }
        var groups: [T: [Int]] = [:]
        var order: [T] = []
        for (index, value) in values.enumerated() {
            if groups[value] == nil { order.append(value) }
            groups[value, default: []].append(index)
        }
        let largest = groups.values.map(\.count).max() ?? 0
        guard largest * 2 <= n else { return nil }
        order.shuffle(using: &rng)
        var arranged: [Int] = []
        for value in order {
            var members = groups[value] ?? []
            members.shuffle(using: &rng)
            arranged += members
        }
        var permutation = [Int](repeating: 0, count: n)
        for position in 0..<n {
            permutation[arranged[position]] = arranged[(position + largest) % n]
        }
        return permutation
    }

    /// Whether `permutation` is a value derangement of `values`.
    public static func isDerangement<T: Equatable>(_ permutation: [Int], of values: [T]) -> Bool {
        guard permutation.count == values.count, Set(permutation).count == values.count,
            permutation.allSatisfy({ values.indices.contains($0) })
        else { return false }
        return values.indices.allSatisfy { values[permutation[$0]] != values[$0] }
    }
}
