import Foundation
public import Logging

extension ServerPool {
    /// The model behind `configurations`: one server as itself, several as a pool named by their
    /// base URLs (`--url` repeated).
    public static func model(
        _ configurations: [OpenAIConfiguration], logger: Logger
    ) throws(OpenAIBackendError) -> any LanguageModel {
        var servers: [any LanguageModel] = []
        for configuration in configurations { servers.append(try OpenAIModel(configuration: configuration, logger: logger)) }
        guard servers.count != 1 else { return servers[0] }
        return ServerPool(servers: servers, names: configurations.map(\.baseURL.absoluteString))
    }
}
