import Foundation
public import O1CoderCore

extension TCGTestsFile {
    /// The tests file as the ledger a run appends to (one fsynced line per problem), created with
    /// its folder when missing, and with a torn last line (a kill mid-write) cut off first so the
    /// next record starts on its own line.
    /// - Throws: ``TestGenerationError`` when the file cannot be created or repaired.
    public static func appending(to path: String) throws(TestGenerationError) -> JSONLLedger<TCGTestsRecord> {
        let ledger = JSONLLedger<TCGTestsRecord>(path: path)
        let fm = FileManager.default
        let exists = (try? OutputFile.createParentDirectories(of: path)) != nil
            && (fm.fileExists(atPath: path) || fm.createFile(atPath: path, contents: nil))
        guard exists, (try? ledger.repair()) != nil else { throw TestGenerationError(.testsFileNotCreatable, path) }
        return ledger
    }
}
