namespace ReviewWorkflow.Engine.Linkage;

/// <summary>Kinds of identifier linkage compares across cases.</summary>
public static class IdentifierKinds
{
    public const string Name = "name";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Username = "username";
    /// <summary>A name that a case's circumstances text mentions (see <see cref="Folding.Mentions"/>).</summary>
    public const string Mention = "mention";
    /// <summary>A name a text says is a person's ("a man called Daniel Kerr"; see <see cref="Folding.PersonMentions"/>).</summary>
    public const string PersonMention = "person-mention";

    /// <summary>Kinds that hold a folded name, and match each other (see <see cref="LinkageScorer"/>).</summary>
    public static bool IsName(string kind) => kind is Name or Mention or PersonMention;

    public static IReadOnlyList<string> OfPersons { get; } = [Name, Phone, Email, Username];
}

/// <summary>
/// One normalised identifier of a person connected with a death (or of the deceased, role
/// <c>deceased</c>, or a name mentioned in the circumstances, kind <c>mention</c>).
/// <see cref="Person"/> groups identifiers of one person; <see cref="Label"/> is what reasons may show.
/// </summary>
public sealed record LinkageIdentifier(string Kind, string Value, string Role, string Person, string Label)
{
    public const string DeceasedRole = "deceased";
}

/// <summary>One death as the linkage check compares it. Families come from <see cref="SubstanceCatalog.Read"/>.</summary>
public sealed record LinkageSubject(
    string Reference,
    DateTimeOffset FoundAt,
    double Latitude,
    double Longitude,
    IReadOnlyCollection<string> SubstanceFamilies,
    string Sex,
    int? AgeYears,
    IReadOnlyCollection<string> Markers,
    IReadOnlyList<LinkageIdentifier> Identifiers);

/// <summary>Why a pair scored: a factor, in words an officer can check, and what it added to the score.</summary>
public sealed record LinkageReason(string Factor, string Detail, double Contribution);

/// <summary>A score in [0, 1] and the reasons that make it up (contributions add up to the score).</summary>
public sealed record LinkageScore(double Score, IReadOnlyList<LinkageReason> Reasons)
{
    /// <summary>
    /// At or above the threshold, or sharing a person whatever the score: the same phone or the same
    /// man in two deaths is for an officer to judge, at any distance and any time apart.
    /// </summary>
    public bool Reaches(double threshold) => Score >= threshold || SharesPerson;

    public bool SharesPerson => Reasons.Any(r => r.Factor == LinkageScorer.SharedPerson);
}
