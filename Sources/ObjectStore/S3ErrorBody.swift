import CurlHTTP

/// The parts of an S3 error reply worth reporting: `<Error><Code/><Message/><RequestId/></Error>`.
///
/// A `HEAD` reply has no body, and a proxy may send HTML: then the code is left out and the
/// message is the body's first words, if any.
struct S3ErrorBody {
    var code: String?
    var message: String?
    var requestID: String?

    /// Longest message kept: enough to say what happened, short enough for one log line.
    static let messageLimit = 300

    init(response: HTTPResponse) {
        if let root = S3XMLNode.parse(response.body), root.name == "Error" {
            code = root["Code"]?.text.nonEmpty
            message = root["Message"]?.text.nonEmpty.map(S3ErrorBody.oneLine)
            requestID = root["RequestId"]?.text.nonEmpty
        } else if !response.body.isEmpty {
            message = S3ErrorBody.oneLine(String(decoding: response.body.prefix(S3ErrorBody.messageLimit * 2), as: UTF8.self))
        }
        code = code ?? response.header("x-amz-error-code")
        requestID = requestID ?? response.header("x-amz-request-id")
    }

    static func oneLine(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        return words.count > messageLimit ? String(words.prefix(messageLimit)) + "…" : words
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
