import Foundation

/// How commands read the servers they talk to: URLs from flags, tokens from the environment.
enum ServerAddress {
    /// `text` as an http(s) URL with a host; nil otherwise.
    static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else { return nil }
        return url
    }

    /// The value of environment variable `name`, nil when unset or empty (tokens never go in flags).
    static func secret(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
