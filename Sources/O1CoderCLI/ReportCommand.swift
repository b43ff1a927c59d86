import ArgumentParser
import O1CoderCore
import CodeSearch
import CommandOptions
import Reports
import TrainingData

/// `o1coder report`: a search run's trees as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a search run with every problem's tree.",
        discussion: "Nodes are coloured by value (red 0 → green 1) and sized by visits; select one to see its step and verdicts.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Run id.") var runID: RunID
    @Option(help: ArgumentHelp("Output HTML file.", valueName: "path")) var html: String = "report.html"

    func run() throws {
        let store = try storeOptions.open()
        let report = try TreeReport(run: try storeOptions.searchRun(runID, in: store), store: store)
        try JSONLEncoding.writeAtomically(try HTMLReport.render(report), to: html)
        StandardError.write("wrote \(html) (\(report.problems.count) problems)")
        print(html)
    }
}
