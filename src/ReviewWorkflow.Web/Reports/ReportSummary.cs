namespace ReviewWorkflow.Web.Reports;

/// <summary>A case behind a figure.</summary>
public sealed record ReportCase(Guid Id, string Reference);

/// <summary>
/// One figure: its value (null when there is nothing to measure), its unit, and the cases behind it
/// (the first <see cref="ReportQuery.CasesListed"/>; <see cref="CaseCount"/> counts them all).
/// </summary>
public sealed record ReportFigure(string Label, double? Value, string Unit, int CaseCount, IReadOnlyList<ReportCase> Cases);

/// <summary>A measure with its definition, as written on the reports page, and its figures.</summary>
public sealed record ReportSection(string Key, string Title, string Definition, IReadOnlyList<ReportFigure> Figures);

/// <summary>The oversight report over cases opened in [From, To), of one team or all.</summary>
public sealed record ReportSummary(DateTimeOffset From, DateTimeOffset To, string? Team, int OpenLongerThanDays, DateTimeOffset At,
    int Cases, IReadOnlyList<ReportSection> Sections);
