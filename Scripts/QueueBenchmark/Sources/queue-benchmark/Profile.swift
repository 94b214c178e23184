import ExperimentLog
import Foundation
import JobQueue

/// The `profile` mode: where a job's time goes in the store's own calls, one process, no Worker.
/// `queue-benchmark profile --db F [--count N] [--batch B]` (F is replaced): drains N jobs with
/// claims of B, completing them one transaction each, then all of a claim in one transaction.
enum Profile {
    static func run(_ options: Options) throws {
        let path = try options.requireDatabase()
        let count = options.count > 0 ? options.count : options.jobs
        let queue = QueueName(options.queue)
        for together in [false, true] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try ChildModes.enqueue(path: path, queue: options.queue, count: count)
            let log = try ExperimentLog(path: path)
            defer { try? log.close() }
            let store = try JobStore(pool: log.pool)
            try store.register(worker: "profile", name: "profile", queue: queue, host: "localhost", pid: Int(getpid()), concurrency: 1)
            var claimTime = Duration.zero, completeTime = Duration.zero, claims = 0, completed = 0
            let cpuStart = cpuSeconds(), wallStart = ContinuousClock.now
            while true {
                var start = ContinuousClock.now
                let jobs = try store.claim(from: queue, by: "profile", limit: options.batch, lease: 30)
                claimTime += ContinuousClock.now - start
                claims += 1
                if jobs.isEmpty { break }
                start = ContinuousClock.now
                if together {
                    try store.complete(jobs.map { (job: $0, result: nil, effects: { _ in }) })
                } else {
                    for job in jobs { try store.complete(job) }
                }
                completeTime += ContinuousClock.now - start
                completed += jobs.count
            }
            let wall = seconds(ContinuousClock.now - wallStart), cpu = cpuSeconds() - cpuStart
            print("\(together ? "a claim's jobs completed together" : "each job completed alone   "): "
                + "\(Int(Double(completed) / wall)) jobs/s (\(String(format: "%.2f", wall)) s wall, \(String(format: "%.2f", cpu)) s CPU); "
                + "claim \(micro(claimTime, claims)) µs per call of \(options.batch), complete \(micro(completeTime, completed)) µs per job")
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func micro(_ duration: Duration, _ count: Int) -> String {
        String(format: "%.1f", seconds(duration) * 1e6 / Double(max(count, 1)))
    }
}
