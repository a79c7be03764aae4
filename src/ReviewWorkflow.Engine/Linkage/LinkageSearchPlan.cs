namespace ReviewWorkflow.Engine.Linkage;

/// <summary>A place-and-time box of the search: deaths within the radius and within the window either side.</summary>
public sealed record PlaceBox(double RadiusMeters, TimeSpan Window);

/// <summary>
/// How far in time, at any distance, a death sharing a rare drug is searched: the longest span for
/// one of the same sex sharing a marker, shorter for the others (zero: none can reach the threshold).
/// </summary>
public sealed record RareWindows(TimeSpan SameSexSharedMarker, TimeSpan SharedMarker, TimeSpan SameSex, TimeSpan Any)
{
    public static RareWindows None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public TimeSpan Longest => new[] { SameSexSharedMarker, SharedMarker, SameSex, Any }.Max();

    /// <summary>Whether a death sharing the rare drug, this far away in time, is within the span (as the search query tests it).</summary>
    public bool Covers(double days, bool sameSex, bool sharedMarker) =>
        days <= Any.TotalDays
        || (sameSex && days <= SameSex.TotalDays)
        || (sharedMarker && days <= SharedMarker.TotalDays)
        || (sameSex && sharedMarker && days <= SameSexSharedMarker.TotalDays);
}

/// <summary>
/// What the candidate search must fetch for one death so that no death able to reach the threshold
/// within the step's radius and window is missed, and as few others as possible:
/// <list type="bullet">
/// <item>deaths near in place and time (<see cref="PlaceBoxes"/>): the scorer's distance and time
/// strengths fall steeply, so a death that shares no rare drug and no person can only reach the
/// threshold when it is both close and recent; the boxes are a staircase around exactly that region;</item>
/// <item>deaths sharing a rare drug (<see cref="RareFamilies"/>): anywhere within the radius and window,
/// and at any distance within <see cref="RareWindow"/>;</item>
/// <item>deaths sharing a person identifier, or naming a person (<see cref="Lookups"/>): at any distance and time.</item>
/// </list>
/// The application runs these as indexed queries; the scorer then decides.
/// </summary>
public sealed record LinkageSearchPlan(
    IReadOnlyList<PlaceBox> PlaceBoxes,
    double RadiusMeters,
    TimeSpan Window,
    IReadOnlyList<string> RareFamilies,
    RareWindows RareWindow,
    IReadOnlyList<(string Kind, string Value)> Lookups)
{
    /// <summary>Steps of the staircase; more steps fetch fewer rows but run more index scans.</summary>
    public const int Steps = 4;

    public static LinkageSearchPlan For(LinkageSettings settings, LinkageSubject subject)
    {
        double W(string factor) => settings.Weights.GetValueOrDefault(factor);
        var needed = settings.Threshold * settings.Weights.Values.Sum();
        // The most the other factors could add for this death (its sex, age and markers known or not).
        var profile = W(LinkageScorer.Profile) * ((Known(subject.Sex) ? 0.5 : 0) + (subject.AgeYears is null ? 0 : 0.5));
        var markers = subject.Markers.Count > 0 ? W(LinkageScorer.Markers) : 0;
        var families = subject.SubstanceFamilies;
        var common = families.Where(f => !SubstanceCatalog.IsRare(f)).Select(SubstanceCatalog.Specificity).DefaultIfEmpty(0).Max();
        var rare = families.Where(SubstanceCatalog.IsRare).ToList();

        var boxes = Staircase(settings, needed - profile - markers - W(LinkageScorer.Substance) * common);
        var rareWindow = RareWindows.None;
        if (rare.Count > 0)
        {
            // Beyond the radius only time, profile and markers can add to the drug: a death of the
            // other sex, or sharing no marker, must be that much closer in time.
            var afterDrug = needed - W(LinkageScorer.Substance) * rare.Max(SubstanceCatalog.Specificity);
            var time = Math.Max(W(LinkageScorer.Time), double.Epsilon);
            var sex = Known(subject.Sex) ? 0.5 * W(LinkageScorer.Profile) : 0;
            var age = subject.AgeYears is null ? 0 : 0.5 * W(LinkageScorer.Profile);
            rareWindow = new RareWindows(
                SameSexSharedMarker: TimeWithin(settings, (afterDrug - sex - age - markers) / time),
                SharedMarker: TimeWithin(settings, (afterDrug - age - markers) / time),
                SameSex: TimeWithin(settings, (afterDrug - sex - age) / time),
                Any: TimeWithin(settings, (afterDrug - age) / time));
        }
        return new LinkageSearchPlan(boxes, settings.RadiusKm * 1000, TimeSpan.FromDays(settings.WindowDays),
            rare, rareWindow, LookupsFor(subject.Identifiers));

        static bool Known(string sex) => sex is not (null or "" or "unknown");
    }

    /// <summary>
    /// Boxes covering every (distance, time gap) where distance and time together can still add
    /// <paramref name="needed"/>: box i reaches out to distance dᵢ with the time gap still possible at
    /// dᵢ₋₁, so each ring is covered with the most generous window any point in it could need.
    /// Margins (1%, one day) keep rounding from ever dropping a candidate.
    /// </summary>
    public static IReadOnlyList<PlaceBox> Staircase(LinkageSettings settings, double needed)
    {
        double W(string factor) => settings.Weights.GetValueOrDefault(factor);
        var wd = W(LinkageScorer.Distance);
        var wt = W(LinkageScorer.Time);
        if (needed > wd + wt) return [];
        // Farthest distance at which the time gap could still make up the rest (same day), within the radius.
        var maxKm = wd <= 0 ? settings.RadiusKm : Math.Min(settings.RadiusKm, Inverse((needed - wt) / wd, settings.RadiusKm));
        var boxes = new List<PlaceBox>();
        var inner = 0.0;
        for (var i = 1; i <= Steps; i++)
        {
            var outer = maxKm * i / Steps;
            var window = TimeWithin(settings, (needed - wd * LinkageScorer.DistanceStrength(settings, inner)) / Math.Max(wt, double.Epsilon));
            if (window > TimeSpan.Zero) boxes.Add(new PlaceBox(outer * 1000 * 1.01 + 1, window));
            inner = outer;
        }
        return boxes;
    }

    /// <summary>The largest time gap whose time strength is at least <paramref name="strength"/>, plus a day (whole window if any gap will do).</summary>
    private static TimeSpan TimeWithin(LinkageSettings settings, double strength)
    {
        if (strength <= 0) return TimeSpan.FromDays(settings.WindowDays);
        if (strength > 1) return TimeSpan.Zero;
        return TimeSpan.FromDays(Math.Min(settings.WindowDays, Math.Ceiling(Inverse(strength, settings.WindowDays)) + 1));
    }

    /// <summary>The value at which the scorer's decay (1 at 0, 0 at the limit) equals <paramref name="strength"/>.</summary>
    private static double Inverse(double strength, double limit)
    {
        if (strength <= 0) return limit;
        if (strength >= 1) return 0;
        var floor = Math.Exp(-3);
        return -limit / 3.0 * Math.Log(strength * (1 - floor) + floor);
    }

    /// <summary>
    /// Which stored identifiers to look up: the same phone, email or user name; a name of a person as
    /// any kind of name elsewhere (a person, a name a text mentions); the deceased's name as a mention
    /// elsewhere; a mention as a person's name elsewhere, and a person mention as any kind of name.
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
                    lookups.Add((IdentifierKinds.PersonMention, id.Value));
                    break;
                case IdentifierKinds.Mention:
                    lookups.Add((IdentifierKinds.Name, id.Value));
                    lookups.Add((IdentifierKinds.PersonMention, id.Value));
                    break;
                case IdentifierKinds.PersonMention:
                    lookups.Add((IdentifierKinds.Name, id.Value));
                    lookups.Add((IdentifierKinds.Mention, id.Value));
                    lookups.Add((IdentifierKinds.PersonMention, id.Value));
                    break;
                default:
                    lookups.Add((id.Kind, id.Value));
                    break;
            }
        }
        return lookups.Distinct().ToList();
    }
}
