/// A page element a scenario clicks or submits, described by what GTM's click and form variables
/// and CSS selectors can see of it.
///
/// JSON: `{"tag": "a", "id": "buy", "classes": "btn primary", "text": "Buy now",
/// "url": "https://shop.example/cart", "target": "_blank", "attributes": {"data-sku": "A1"},
/// "ancestors": [{"tag": "div", "classes": ["product-card"]}, {"tag": "main"}]}`. Every field is
/// optional. `classes` is a space-separated string or an array. `url` is the link's `href` (or the
/// form's `action`). `ancestors` lists the enclosing elements, nearest first; they are what
/// descendant (`div.card a`) and child (`div > a`) selectors match against. Without `tag`, an
/// element with a `url` is a link (`a`), a submitted form is a `form`, and anything else a `div`.
public struct ScenarioElement: Sendable, Equatable, Codable {
    public var tag: String?
    public var id: String
    public var classes: [String]
    public var text: String
    public var url: String?
    public var target: String
    /// Other attributes by name (`data-*`, `name`, `type`, …), for `[attr]` selectors and
    /// Auto-Event Variables of type Element Attribute.
    public var attributes: [String: String]
    /// The enclosing elements, nearest first.
    public var ancestors: [ScenarioElement]

    /// Creates the value from its parts.
    public init(tag: String? = nil, id: String = "", classes: [String] = [], text: String = "", url: String? = nil,
                target: String = "", attributes: [String: String] = [:], ancestors: [ScenarioElement] = [])
    {
        self.tag = tag
        self.id = id
        self.classes = classes
        self.text = text
        self.url = url
        self.target = target
        self.attributes = attributes
        self.ancestors = ancestors
    }

    private enum CodingKeys: String, CodingKey {
        case tag, id, classes, text, url, target, attributes, ancestors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tag = try c.decodeIfPresent(String.self, forKey: .tag)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        if let list = try? c.decodeIfPresent([String].self, forKey: .classes) {
            classes = list
        } else {
            let text = try c.decodeIfPresent(String.self, forKey: .classes) ?? ""
            classes = text.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        url = try c.decodeIfPresent(String.self, forKey: .url)
        target = try c.decodeIfPresent(String.self, forKey: .target) ?? ""
        attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        ancestors = try c.decodeIfPresent([ScenarioElement].self, forKey: .ancestors) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(tag, forKey: .tag)
        if !id.isEmpty { try c.encode(id, forKey: .id) }
        if !classes.isEmpty { try c.encode(classes, forKey: .classes) }
        if !text.isEmpty { try c.encode(text, forKey: .text) }
        try c.encodeIfPresent(url, forKey: .url)
        if !target.isEmpty { try c.encode(target, forKey: .target) }
        if !attributes.isEmpty { try c.encode(attributes, forKey: .attributes) }
        if !ancestors.isEmpty { try c.encode(ancestors, forKey: .ancestors) }
    }

    // MARK: - Reads

    /// The lower-case tag name, with the defaults described above (`a` for an element with a URL).
    public var tagName: String { tag?.lowercased() ?? (url != nil ? "a" : "div") }

    /// `className`: the classes joined by spaces, as `{{Click Classes}}` gives them.
    public var className: String { classes.joined(separator: " ") }

    /// Whether the element is a link (`a` or `area`).
    public var isLink: Bool { tagName == "a" || tagName == "area" }

    /// The link a click on this element follows: itself, else its nearest `a` ancestor (whose
    /// text, when the scenario gives none, is the clicked element's), with the rest of the
    /// ancestors above it. Nil when no link encloses the element.
    public var enclosingLink: ScenarioElement? {
        if isLink { return self }
        guard let index = ancestors.firstIndex(where: \.isLink) else { return nil }
        var link = ancestors[index]
        if link.text.isEmpty { link.text = text }
        link.ancestors = Array(ancestors[(index + 1)...])
        return link
    }

    /// An attribute as `element.getAttribute(name)` would return it; nil when absent.
    public func attribute(_ name: String) -> String? {
        switch name.lowercased() {
        case "id": return id.isEmpty ? attributes[name] : id
        case "class": return classes.isEmpty ? attributes[name] : className
        case "href" where tagName != "form", "action" where tagName == "form": return url ?? attributes[name]
        case "target": return target.isEmpty ? attributes[name] : target
        default: return attributes[name] ?? attributes[name.lowercased()]
        }
    }

    /// What `String(element)` gives in JavaScript: a link's URL, else `[object HTML…Element]`.
    public var javaScriptString: String {
        if isLink, let url { return url }
        let names = ["a": "Anchor", "div": "Div", "span": "Span", "button": "Button", "form": "Form", "img": "Image",
                     "input": "Input", "p": "Paragraph", "li": "LI", "ul": "UList", "section": "", "main": "", "body": "Body"]
        let name = names[tagName] ?? ""
        return "[object HTML\(name)Element]"
    }

    /// A short CSS-like label for reports: `a#buy.btn.primary`.
    public var label: String {
        tagName + (id.isEmpty ? "" : "#" + id) + classes.map { "." + $0 }.joined()
    }
}
