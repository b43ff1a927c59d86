public import Foundation

/// How commands name the servers they talk to: URLs from flags or a file, tokens from the
/// environment (tokens never go in flags).
public enum ServerAddress {
    /// `text` as an http(s) URL with a host; nil otherwise.
    public static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else { return nil }
        return url
    }

    /// The value of environment variable `name`, nil when unset or empty.
    public static func secret(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `texts` and the lines of the file at `listPath` (blank lines and `#` comments skipped) as
    /// URLs; the first that is unreadable or not an http(s) URL is the error message.
    public static func urls(_ texts: [String], listPath: String?) -> Result<[URL], Problem> {
        var texts = texts
        if let listPath {
            guard let contents = try? String(contentsOfFile: listPath, encoding: .utf8) else {
                return .failure(Problem(message: "--urls-file \(listPath) cannot be read."))
            }
            texts += contents.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        var urls: [URL] = []
        for text in texts {
            guard let parsed = url(text) else {
                return .failure(Problem(message: "'\(text)' is not an http(s) URL of a server, e.g. http://127.0.0.1:8080."))
            }
            urls.append(parsed)
        }
        return .success(urls)
    }

    /// What is wrong with a server address, said for the person who gave it.
    public struct Problem: Error, Sendable {
        public var message: String
    }
}
