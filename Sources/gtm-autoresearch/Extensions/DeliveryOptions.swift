import Delivery
import ExperimentLog
import Foundation

/// The morning deliverables' services, configured from the environment (bucket, GTM).
enum DeliveryOptions {
    static func delivery(log: ExperimentLog) throws -> Delivery {
        do { return try Delivery.configured(log: log, environment: ProcessInfo.processInfo.environment) } catch {
            throw CommandFailure("\(error)")
        }
    }
}
