import O1CoderCore
import Testing

@Suite struct CacheDirectoryTests {
    @Test("O1CODER_CACHE wins, then XDG_CACHE_HOME/o1coder, then ~/.cache/o1coder; empty values do not count")
    func precedence() {
        #expect(CacheDirectory.root(environment: ["O1CODER_CACHE": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/c")
        #expect(CacheDirectory.root(environment: ["O1CODER_CACHE": "", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/o1coder")
        #expect(CacheDirectory.root(environment: ["XDG_CACHE_HOME": "", "HOME": "/h"]) == "/h/.cache/o1coder")
    }
}
