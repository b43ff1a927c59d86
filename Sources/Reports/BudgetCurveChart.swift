/// An accuracy-vs-budget line chart as inline SVG (pure rendering, no script): one line per
/// method, a shaded band for each point's interval, budgets on a log-free evenly spaced x axis.
public struct BudgetCurveChart: Sendable {
    public struct Point: Sendable, Hashable {
        public var budget: Int
        public var rate: Double
        public var lower: Double
        public var upper: Double
        public init(budget: Int, rate: Double, lower: Double, upper: Double) {
            self.budget = budget
            self.rate = rate
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var series: [Series]
    /// What the x values are (budgets by default; rounds in self-play).
    public var xLabel: String

    public init(title: String, series: [Series], xLabel: String = "generated tokens per problem") {
        self.title = title
        self.series = series
        self.xLabel = xLabel
    }

    static let palette = ["#1b6ca8", "#d1495b", "#00798c", "#edae49", "#66a182", "#8d6a9f"]

    public func svg(width: Int = 640, height: Int = 360) -> String {
        let budgets = Array(Set(series.flatMap { $0.points.map(\.budget) })).sorted()
        let left = 56.0, right = 180.0, top = 36.0, bottom = 44.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        func x(_ b: Int) -> Double {
            guard budgets.count > 1, let i = budgets.firstIndex(of: b) else { return left + plotW / 2 }
            return left + plotW * Double(i) / Double(budgets.count - 1)
        }
        func y(_ r: Double) -> Double { top + plotH * (1 - r) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"12\">"
        out += "<text x=\"\(left)\" y=\"20\" font-size=\"14\">\(HTMLEscaping.escape(title))</text>"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            out += "<line x1=\"\(left)\" y1=\(q(y(tick))) x2=\(q(left + plotW)) y2=\(q(y(tick))) stroke=\"#ddd\"/>"
            out += "<text x=\(q(left - 8)) y=\(q(y(tick) + 4)) text-anchor=\"end\">\(Int(tick * 100))%</text>"
        }
        for b in budgets {
            out += "<text x=\(q(x(b))) y=\(q(top + plotH + 18)) text-anchor=\"middle\">\(b)</text>"
        }
        out += "<text x=\(q(left + plotW / 2)) y=\(q(Double(height) - 6)) text-anchor=\"middle\">\(HTMLEscaping.escape(xLabel))</text>"
        for (i, s) in series.enumerated() {
            let color = Self.palette[i % Self.palette.count]
            let points = s.points.sorted { $0.budget < $1.budget }
            // Series side by side at each budget, so their intervals do not hide each other.
            let dodge = (Double(i) - Double(series.count - 1) / 2) * 7
            for p in points {
                out += "<line x1=\(q(x(p.budget) + dodge)) y1=\(q(y(p.lower))) x2=\(q(x(p.budget) + dodge)) y2=\(q(y(p.upper))) stroke=\"\(color)\" stroke-opacity=\"0.45\" stroke-width=\"5\"/>"
                out += "<circle cx=\(q(x(p.budget) + dodge)) cy=\(q(y(p.rate))) r=\"3.5\" fill=\"\(color)\"/>"
            }
            if points.count > 1 {
                let d = points.map { "\(fmt(x($0.budget) + dodge)),\(fmt(y($0.rate)))" }.joined(separator: " ")
                out += "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            }
            let ly = top + 16 * Double(i)
            out += "<rect x=\(q(left + plotW + 16)) y=\(q(ly - 9)) width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            out += "<text x=\(q(left + plotW + 34)) y=\(q(ly + 1))>\(HTMLEscaping.escape(s.name))</text>"
        }
        return out + "</svg>"
    }

    private func fmt(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }
    private func q(_ v: Double) -> String { "\"" + fmt(v) + "\"" }
}
