import Testing
@testable import GrassrootsCore

struct LocalPathTests {
    @Test("Same-site paths pass as they are")
    func localPathsPass() {
        for path in ["/", "/directives/3", "/requests?status=open&page=2", "/units/7#staff", "/search?q=%E5%BC%A0"] {
            #expect(LocalPath.validated(path) == path, "\(path)")
        }
    }

    @Test("Anything a browser would read as another site is refused")
    func otherSitesAreRefused() {
        let refused = [nil, "", "directives", "https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example",
                       "/\n/evil.example", "/\\tevil.example", "/%2F%2Fevil.example", "/%2fevil.example", "/%5Cevil.example",
                       "/ok\\..\\evil", "/a\u{7F}b", String(repeating: "/a", count: 2000)]
        for candidate in refused {
            #expect(LocalPath.validated(candidate) == nil, "\(String(describing: candidate))")
        }
    }
}
