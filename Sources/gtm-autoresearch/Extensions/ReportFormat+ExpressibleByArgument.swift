public import ArgumentParser
public import ScoreReports

extension ReportFormat: ExpressibleByArgument {}
