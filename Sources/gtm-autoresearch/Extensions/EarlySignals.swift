import Foundation

/// SIGTERM or SIGINT before a long-running process has set up its graceful shutdown (while it
/// opens and migrates the database) would kill it by the signal. Nothing is claimed yet at that
/// point, so it exits 0 instead, as a stop after shutdown would. The service group's own
/// handlers replace these once it runs.
enum EarlySignals {
    static func exitQuietly() {
        signal(SIGTERM) { _ in _exit(0) }
        signal(SIGINT) { _ in _exit(0) }
    }
}
