public import ExperimentLog
import ObjectStore
import TagManagerAPI

extension Delivery {
    /// The delivery the environment configures: the bucket when `GTM_AUTORESEARCH_S3_BUCKET` and
    /// `GTM_AUTORESEARCH_S3_ENDPOINT` are set (with `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`),
    /// the GTM workspace when a GTM credential is (`GTM_AUTORESEARCH_GTM_ACCESS_TOKEN`,
    /// `_TOKEN_COMMAND` or `_SERVICE_ACCOUNT_KEY`), local files only otherwise.
    /// - Throws: `S3ConfigurationError` or `TagManagerConfigurationError` for a half-configured
    ///   service, so a typo is not silently a night without a backup or a deploy.
    public static func configured(log: ExperimentLog, environment: [String: String]) throws -> Delivery {
        let bucket = try S3Configuration(environment: environment).map { WinnerStore(objects: S3Client(configuration: $0)) }
        let gtm = try TagManagerConfiguration(environment: environment).map { StagingDeployer(configuration: $0) }
        return Delivery(log: log, bucket: bucket, gtm: gtm)
    }
}
