import ArgumentParser

@main
struct GTMAutoResearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gtm-autoresearch",
        abstract: "Score and improve Google Tag Manager container exports.",
        subcommands: []
    )
}
