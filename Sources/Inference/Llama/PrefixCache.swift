/// Which evaluated token prefixes are kept in spare KV-cache sequences, least recently used first
/// out. Pure bookkeeping: the engine copies the KV cells; this value decides which slot to use.
struct PrefixCache: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var slot: Int32
        var tokens: [Token]
        var lastUse: UInt64
    }

    private(set) var entries: [Entry] = []
    let slots: [Int32]
    private var clock: UInt64 = 0

    init(slots: [Int32]) { self.slots = slots }

    var isEnabled: Bool { !slots.isEmpty }

    /// The cached entry sharing the longest prefix with `tokens`, and that length.
    func bestMatch(for tokens: [Token]) -> (slot: Int32, length: Int)? {
        var best: (slot: Int32, length: Int)?
        for e in entries {
            let n = zip(e.tokens, tokens).prefix { $0 == $1 }.count
            if n > 0, n > (best?.length ?? 0) { best = (e.slot, n) }
        }
        return best
    }

    mutating func touch(_ slot: Int32) {
        clock += 1
        if let i = entries.firstIndex(where: { $0.slot == slot }) { entries[i].lastUse = clock }
    }

    /// Chooses the slot that will hold `tokens`: nil when an identical entry exists (it is only
    /// touched); an entry that `tokens` extends is replaced; else a free slot or the LRU one.
    mutating func slotForStoring(_ tokens: [Token]) -> Int32? {
        guard isEnabled, !tokens.isEmpty else { return nil }
        clock += 1
        if let i = entries.firstIndex(where: { $0.tokens == tokens }) {
            entries[i].lastUse = clock
            return nil
        }
        let slot: Int32
        if let i = entries.firstIndex(where: { $0.tokens.count < tokens.count && tokens.starts(with: $0.tokens) }) {
            slot = entries.remove(at: i).slot
        } else if let free = slots.first(where: { s in !entries.contains { $0.slot == s } }) {
            slot = free
        } else if let lru = entries.indices.min(by: { entries[$0].lastUse < entries[$1].lastUse }) {
            slot = entries.remove(at: lru).slot
        } else {
            return nil
        }
        entries.append(Entry(slot: slot, tokens: tokens, lastUse: clock))
        return slot
    }

    /// Forgets the least recently used entry (to free KV cells) and returns its slot.
    mutating func evictLeastRecentlyUsed() -> Int32? {
        guard let lru = entries.indices.min(by: { entries[$0].lastUse < entries[$1].lastUse }) else { return nil }
        return entries.remove(at: lru).slot
    }

    mutating func removeAll() { entries.removeAll() }
}
