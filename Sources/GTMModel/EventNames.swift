/// Canonical business-event names: every vendor's spelling mapped to GA4's snake_case names, so
/// that "purchase" means the same thing for GA4, Meta (`Purchase`), TikTok (`CompletePayment`) …
public enum EventNames {
    /// The GA4 ecommerce funnel, the default tracking plan.
    public static let ecommerceFunnel = ["view_item_list", "select_item", "view_item", "add_to_cart",
                                         "view_cart", "begin_checkout", "add_payment_info", "purchase"]

    /// Events whose value matters to ad platforms: conversions.
    public static let conversions: Set<String> = ["purchase", "generate_lead", "sign_up", "begin_checkout",
                                                  "add_payment_info", "add_to_cart", "subscribe", "contact",
                                                  "submit_application", "start_trial", "conversion"]

    /// Events that carry money and so need value and currency.
    public static let monetary: Set<String> = ["purchase", "refund", "add_to_cart", "begin_checkout",
                                               "add_payment_info", "add_shipping_info", "view_item", "view_cart",
                                               "remove_from_cart", "add_to_wishlist", "generate_lead"]

    private static let aliases: [String: String] = [
        // Meta standard events
        "pageview": "page_view", "viewcontent": "view_item", "search": "search", "addtocart": "add_to_cart",
        "addtowishlist": "add_to_wishlist", "initiatecheckout": "begin_checkout", "addpaymentinfo": "add_payment_info",
        "purchase": "purchase", "lead": "generate_lead", "completeregistration": "sign_up", "contact": "contact",
        "subscribe": "subscribe", "starttrial": "start_trial", "submitapplication": "submit_application",
        "customizeproduct": "customize_product", "findlocation": "find_location", "schedule": "schedule",
        "donate": "donate",
        // TikTok
        "completepayment": "purchase", "placeanorder": "purchase", "submitform": "generate_lead",
        "clickbutton": "click", "download": "download",
        // Snapchat
        "page_view": "page_view", "view_content": "view_item", "add_cart": "add_to_cart",
        "start_checkout": "begin_checkout", "add_billing": "add_payment_info", "sign_up": "sign_up",
        // Pinterest
        "checkout": "begin_checkout", "pagevisit": "page_view", "viewcategory": "view_item_list", "signup": "sign_up",
        // GA4 / gtag spellings that differ
        "generate_lead": "generate_lead", "begin_checkout": "begin_checkout",
        // Universal Analytics enhanced ecommerce and common data-layer names
        "transaction": "purchase", "ordercompleted": "purchase", "order_completed": "purchase",
        "productclick": "select_item", "productdetail": "view_item", "detail": "view_item",
        "addtocartee": "add_to_cart", "impressions": "view_item_list", "productimpression": "view_item_list",
    ]

    /// The canonical name for a vendor or data-layer event name. `destination` resolves names that
    /// mean different things per vendor (Pinterest's `checkout` is a purchase).
    public static func canonical(_ name: String, for destination: Destination? = nil) -> String {
        let trimmed = name.trimmingWhitespace()
        let key = trimmed.lowercased().filter { $0 != " " }
        if destination == .pinterest, key == "checkout" { return "purchase" }
        if let alias = aliases[key] { return alias }
        if let alias = aliases[key.replacingUnderscores()] { return alias }
        return snakeCase(trimmed)
    }

    /// `AddToCart` → `add_to_cart`, `add-to-cart` → `add_to_cart`; already-snake names unchanged.
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        var previousWasLower = false
        for ch in name {
            if ch.isUppercase {
                if previousWasLower { out.append("_") }
                out.append(contentsOf: ch.lowercased())
                previousWasLower = false
            } else if ch == "-" || ch == " " {
                out.append("_")
                previousWasLower = false
            } else {
                out.append(ch)
                previousWasLower = ch.isLowercase || ch.isNumber
            }
        }
        return out
    }

    /// Whether `name` is a literal (no `{{variable}}`), i.e. an event name known before run time.
    public static func isLiteral(_ name: String) -> Bool {
        var previous: UInt8 = 0
        for byte in name.utf8 {
            if byte == 0x7B, previous == 0x7B { return false }
            previous = byte
        }
        return !name.isEmpty
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { filter { $0 != "_" } }
}
