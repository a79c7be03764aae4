using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Linkage;

/// <summary>
/// What the candidate search must fetch for one death so that no death able to reach the threshold
/// is missed: deaths within the radius and window; deaths sharing a person identifier or a named
/// mention, at any distance and time; deaths sharing a rare substance at any distance, within
/// <see cref="RareWindow"/>. The application runs it as indexed queries; the scorer decides.
/// </summary>
public sealed record LinkageSearchPlan(
    double RadiusMeters,
    TimeSpan Window,
    IReadOnlyList<string> RareFamilies,
    TimeSpan RareWindow,
    IReadOnlyList<(string Kind, string Value)> Lookups)
{
    public static LinkageSearchPlan For(LinkageSettings settings, LinkageSubject subject)
    {
        var rare = subject.SubstanceFamilies.Where(SubstanceCatalog.IsRare).ToList();
        var rareWindow = rare.Count == 0 ? TimeSpan.Zero : RareWindowFor(settings, rare.Max(SubstanceCatalog.Specificity));
        return new LinkageSearchPlan(settings.RadiusKm * 1000, TimeSpan.FromDays(settings.WindowDays),
            rare.Count > 0 && rareWindow > TimeSpan.Zero ? rare : [], rareWindow, LookupsFor(subject.Identifiers));
    }

    /// <summary>
    /// Beyond the radius the place adds nothing, so a death sharing only a rare substance, the
    /// profile and the markers reaches the threshold only when it is close enough in time. Searching
    /// just that span keeps a nationwide rare-substance search small without losing any candidate.
    /// </summary>
    public static TimeSpan RareWindowFor(LinkageSettings settings, double specificity)
    {
        double W(string factor) => settings.Weights.GetValueOrDefault(factor);
        var total = settings.Weights.Values.Sum();
        var withoutTime = W(LinkageScorer.Substance) * specificity + W(LinkageScorer.Profile) + W(LinkageScorer.Markers);
        var timeWeight = W(LinkageScorer.Time);
        var needed = settings.Threshold * total - withoutTime;
        if (needed <= 0) return TimeSpan.FromDays(settings.WindowDays);
        if (timeWeight <= 0 || needed > timeWeight) return TimeSpan.Zero;
        var strength = needed / timeWeight;
        var floor = Math.Exp(-3);
        var days = -settings.WindowDays / 3.0 * Math.Log(strength * (1 - floor) + floor);
        // A day more than the exact bound, so rounding of stored times can never drop a candidate.
        return TimeSpan.FromDays(Math.Min(settings.WindowDays, Math.Ceiling(days) + 1));
    }

    /// <summary>
    /// Which stored identifiers to look up: the same phone, email or user name; a name of ours as a
    /// name or a mention elsewhere; a mention in our circumstances as a name elsewhere.
    /// </summary>
    private static IReadOnlyList<(string Kind, string Value)> LookupsFor(IReadOnlyList<LinkageIdentifier> identifiers)
    {
        var lookups = new List<(string, string)>();
        foreach (var id in identifiers)
        {
            switch (id.Kind)
            {
                case IdentifierKinds.Name:
                    if (id.Role != LinkageIdentifier.DeceasedRole) lookups.Add((IdentifierKinds.Name, id.Value));
                    lookups.Add((IdentifierKinds.Mention, id.Value));
                    break;
                case IdentifierKinds.Mention:
                    lookups.Add((IdentifierKinds.Name, id.Value));
                    break;
                default:
                    lookups.Add((id.Kind, id.Value));
                    break;
            }
        }
        return lookups.Distinct().ToList();
    }
}
