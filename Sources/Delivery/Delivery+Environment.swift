public import ExperimentLog
import ObjectStore

extension Delivery {
    /// The delivery the environment configures: the bucket when `GTM_AUTORESEARCH_S3_BUCKET` and
    /// `GTM_AUTORESEARCH_S3_ENDPOINT` are set (with `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`),
    /// local files only otherwise.
    /// - Throws: `S3ConfigurationError` for a half-configured bucket, so a typo is not silently
    ///   a night without a backup.
    public static func configured(log: ExperimentLog, environment: [String: String]) throws -> Delivery {
        let bucket = try S3Configuration(environment: environment).map { WinnerStore(objects: S3Client(configuration: $0)) }
        return Delivery(log: log, bucket: bucket)
    }
}
