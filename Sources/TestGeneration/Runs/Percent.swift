import Foundation

/// Shares in the TCG reports: `0.873` → `87.3%`, nil (nothing to divide by) → `n/a`.
enum Percent {
    static func text(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.1f%%", value * 100)
    }
}
