import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of an S3 XML reply: its name, its text and its child elements.
///
/// S3 replies are small, flat documents (`ListBucketResult`, `Error`), so the whole tree is built
/// with Foundation's `XMLParser` and read by name. Namespaces are ignored (`ListBucketResult`
/// carries S3's); external entities are never resolved.
struct S3XMLNode: Sendable {
    var name: String
    /// The element's own text, entities decoded (`&quot;` in an ETag becomes `"`).
    var text: String
    var children: [S3XMLNode]

    /// The first child named `name`.
    subscript(_ name: String) -> S3XMLNode? { children.first { $0.name == name } }

    /// Every child named `name`, in document order.
    func all(_ name: String) -> [S3XMLNode] { children.filter { $0.name == name } }

    /// The root element of `bytes`, or `nil` when they are not well-formed XML.
    static func parse(_ bytes: [UInt8]) -> S3XMLNode? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }
}

/// Collects `XMLParser` events into ``S3XMLNode``s; lives only inside one `parse` call.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: S3XMLNode?
    private var stack: [S3XMLNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:])
    {
        stack.append(S3XMLNode(name: elementName, text: "", children: []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Text may arrive in several pieces (around each entity), so it is appended.
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let node = stack.popLast() else { return }
        if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
    }
}
