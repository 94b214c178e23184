import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM: the first asks the run to stop after the current round, the
/// second quits at once (the log is consistent at every instant, so nothing is lost either way).
final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    static func install() -> InterruptFlag {
        let interrupt = InterruptFlag()
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if interrupt.flag.exchange(true, ordering: .acquiringAndReleasing) {
                    FileHandle.standardError.write(Data("\nstopped now; continue with --resume\n".utf8))
                    exit(130)
                }
                FileHandle.standardError.write(Data("\nstopping after this round (press Ctrl-C again to quit now)\n".utf8))
            }
            source.resume()
            sources.append(source)
        }
        retainedSignalSources = sources
        return interrupt
    }
}

/// The signal sources must outlive `install()`; they are set once, before any round runs.
nonisolated(unsafe) private var retainedSignalSources: [any DispatchSourceSignal] = []
