import SystemdNotify
import Testing

struct NotifySocketAddressTests {
    @Test func parsesAPathAndAnAbstractName() {
        #expect(NotifySocketAddress("/run/systemd/notify") == .path("/run/systemd/notify"))
        #expect(NotifySocketAddress("@/org/freedesktop/systemd1/notify/123") == .abstract("/org/freedesktop/systemd1/notify/123"))
        #expect(NotifySocketAddress("@x")?.description == "@x")
        #expect(NotifySocketAddress("/a")?.description == "/a")
    }

    @Test(arguments: ["", "@", "run/systemd/notify", "./notify", "vsock:2:1234", "vsock-stream:1:2", " /run/notify"])
    func refusesOtherForms(value: String) {
        #expect(NotifySocketAddress(value) == nil)
    }

    @Test func keepsWithinSunPath() {
        // sun_path holds 108 bytes: a path needs one for its NUL, an abstract name one for the leading NUL.
        let longestPath = "/" + String(repeating: "p", count: 106)
        #expect(NotifySocketAddress(longestPath) == .path(longestPath))
        #expect(NotifySocketAddress(longestPath + "p") == nil)
        let longestName = String(repeating: "n", count: 107)
        #expect(NotifySocketAddress("@" + longestName) == .abstract(longestName))
        #expect(NotifySocketAddress("@" + longestName + "n") == nil)
    }
}
