/// Every fixer the heuristic has, by dimension.
enum FixerCatalog {
    static let all: [any Fixer] = [
        // coverage
        DeadTagFixer(), DanglingTriggerFixer(), GoogleTagFixer(), ConversionLinkerFixer(), CustomHTMLHttpsFixer(), LiveOnlyFixer(), PlanEventFixer(),
        // parameters (and alignment.value_without_currency, the same edit)
        MeasurementIdFixer(), EventNameFixer(), EcommerceFieldsFixer(), MissingFieldFixer(), HardcodedValueFixer(), CurrencyCodeFixer(),
        // dedup
        TransactionIdFixer(), MetaEventIdFixer(), DuplicateTagFixer(), FiringOptionFixer(),
        // consent
        TagConsentFixer(), ConsentDefaultFixer(),
        // naming
        RenameFixer(), GA4EventNameFixer(),
        // variables
        UnusedVariableFixer(), UndefinedReferenceFixer(), DuplicateVariableFixer(), DataLayerVersionFixer(), MeasurementIdConstantFixer(),
        // triggers
        OrphanTriggerFixer(), DuplicateTriggerFixer(), CustomEventMatchFixer(), ConversionTriggerFixer(), FiresAndBlocksFixer(), TimerFixer(),
        GroupMemberFixer(), InvalidRegexFixer(),
        // folders
        UnfolderedFixer(), EmptyFolderFixer(), DanglingFolderFixer(), MixedVendorFixer(), CodeNotesFixer(),
        // alignment
        MissingDestinationFixer(), ValueSourceFixer(),
    ]
}
