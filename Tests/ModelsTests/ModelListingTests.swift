import Foundation
import Testing
@testable import Models

@Suite struct ModelListingTests {
    @Test("the listing shows every registry model, marks the default and nothing is cached in an empty store")
    func emptyStore() throws {
        let directory = NSTemporaryDirectory() + "o1coder-listing-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let listing = ModelListing(store: ModelStore(directory: directory))
        #expect(listing.rows.map(\.name) == ModelRegistry.all.map(\.id.rawValue))
        #expect(listing.rows.allSatisfy { !$0.cached } && listing.trained.isEmpty)
        let table = listing.table().split(separator: "\n").map(String.init)
        #expect(table.first?.hasPrefix("NAME") == true)
        #expect(table.contains { $0.hasPrefix(ModelRegistry.defaultModel.rawValue + "*") })
        #expect(table.last == "* default model. Cache: \(directory)")
        let decoded = try JSONDecoder().decode([ModelListing.Row].self, from: Data(try listing.json().utf8))
        #expect(decoded == listing.rows)
    }
}
