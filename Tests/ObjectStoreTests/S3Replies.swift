import CurlHTTP
import TestSupport

extension ScriptedHTTPClient.Reply {
    /// An S3 error document.
    static func s3Error(_ status: Int, code: String, message: String, headers: [String: String] = [:]) -> Self {
        .status(status, headers: headers, """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>\(code)</Code><Message>\(message)</Message><RequestId>REQ123</RequestId></Error>
            """)
    }
}
