namespace ReviewWorkflow.Web.Search;

/// <summary>One case found, its score (higher first) and what matched, in words.</summary>
public sealed record SearchResultDto(Guid CaseId, string Reference, string DeceasedName, DateTimeOffset FoundAt, string Place, string Status,
    double Score, IReadOnlyList<string> Matched);

public sealed record SearchDto(string Query, IReadOnlyList<SearchResultDto> Results);

/// <summary>One place a person's identifier occurs: a case's person, its deceased, an item, a step's answer, a text that names them.</summary>
public sealed record OccurrenceDto(Guid CaseId, string Reference, string DeceasedName, DateTimeOffset FoundAt, string Kind, string Where, string Label, string Link);

/// <summary>The person page: the identifier as given, as linkage compares it, and every occurrence in the cases the user may see.</summary>
public sealed record PersonDto(string Identifier, string Kind, string Value, IReadOnlyList<OccurrenceDto> Occurrences);
