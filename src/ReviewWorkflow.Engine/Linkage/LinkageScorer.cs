namespace ReviewWorkflow.Engine.Linkage;

/// <summary>
/// Scores how likely two deaths are connected (failing F8: four deaths with the same drug, place
/// and profile were treated as unconnected). Each factor has a strength in [0, 1]; the score is the
/// weighted mean of the strengths with the weights of the definition's linkage step, so it stays in
/// [0, 1] whatever the weights, and each reason's contribution is its share of that mean.
/// </summary>
public static class LinkageScorer
{
    public const string Distance = "distance", Time = "time", Substance = "substance", Profile = "profile",
        Markers = "markers", SharedPerson = "sharedPerson", NamedInCircumstances = "namedInCircumstances";

    /// <summary>A shared name alone is weaker evidence than a shared phone, email or user name.</summary>
    public const double NameOnlyStrength = 0.6;

    /// <summary>Ages further apart than this give the age half of the profile nothing.</summary>
    public const double AgeSpanYears = 10;

    public static LinkageScore Score(LinkageSettings settings, LinkageSubject subject, LinkageSubject other)
    {
        var total = settings.Weights.Values.Sum();
        var reasons = new List<LinkageReason>();
        void Add(string factor, double strength, string detail)
        {
            var weight = settings.Weights.GetValueOrDefault(factor);
            // A shared person is listed even where the definition gives it no weight: it always makes a candidate.
            if (strength <= 0 || (weight <= 0 && factor != SharedPerson)) return;
            reasons.Add(new LinkageReason(factor, detail, total <= 0 ? 0 : Math.Max(weight, 0) * Math.Min(strength, 1) / total));
        }

        var km = Geo.DistanceKm(subject.Latitude, subject.Longitude, other.Latitude, other.Longitude);
        Add(Distance, DistanceStrength(settings, km), $"found {Words.Distance(km)} apart");

        var days = Math.Abs((subject.FoundAt - other.FoundAt).TotalDays);
        Add(Time, TimeStrength(settings, days), Words.TimeApart(days));

        var shared = subject.SubstanceFamilies.Intersect(other.SubstanceFamilies, StringComparer.Ordinal)
            .OrderByDescending(SubstanceCatalog.Specificity).ToList();
        if (shared.Count > 0)
            Add(Substance, SubstanceCatalog.Specificity(shared[0]), "both " + Words.And(shared.Select(SubstanceCatalog.Display)));

        var (profile, profileDetail) = ProfileStrength(subject, other);
        Add(Profile, profile, profileDetail);

        var (markers, markersDetail) = MarkerStrength(subject.Markers, other.Markers);
        Add(Markers, markers, markersDetail);

        var (persons, personsDetail) = SharedPersons(subject, other);
        Add(SharedPerson, persons, personsDetail);

        var (named, namedDetail) = Named(subject, other);
        Add(NamedInCircumstances, named, namedDetail);

        // The shared person first: it is why a far or old death is a candidate at all.
        var ordered = reasons.OrderByDescending(r => r.Factor == SharedPerson).ThenByDescending(r => r.Contribution).ToList();
        return new LinkageScore(Math.Clamp(ordered.Sum(r => r.Contribution), 0, 1), ordered);
    }

    /// <summary>
    /// Falls from 1 at the same spot to 0 at the step's radius, steeply at first: 480 m apart is
    /// still strong (the Barking churchyard was about 500 m from the killer's flat), 3 km is weak.
    /// </summary>
    public static double DistanceStrength(LinkageSettings settings, double km) => Decay(km, settings.RadiusKm);

    /// <summary>Falls from 1 on the same day to 0 at the step's window.</summary>
    public static double TimeStrength(LinkageSettings settings, double days) => Decay(days, settings.WindowDays);

    // exp(-3x/limit), shifted and scaled so it reaches exactly 0 at the limit and stays there.
    private static double Decay(double value, double limit)
    {
        if (value >= limit) return 0;
        var floor = Math.Exp(-3);
        return (Math.Exp(-3 * value / limit) - floor) / (1 - floor);
    }

    private static (double, string) ProfileStrength(LinkageSubject a, LinkageSubject b)
    {
        var strength = 0.0;
        var parts = new List<string>();
        if (Known(a.Sex) && Known(b.Sex) && string.Equals(a.Sex, b.Sex, StringComparison.OrdinalIgnoreCase))
        {
            strength += 0.5;
            parts.Add($"both {a.Sex.ToLowerInvariant()}");
        }
        if (a.AgeYears is { } x && b.AgeYears is { } y)
        {
            var age = Math.Max(0, 1 - Math.Abs(x - y) / AgeSpanYears);
            if (age > 0)
            {
                strength += 0.5 * age;
                parts.Add(x == y ? $"both aged {x}" : $"aged {Math.Min(x, y)} and {Math.Max(x, y)}");
            }
        }
        return (strength, string.Join(", ", parts));

        static bool Known(string sex) => sex is not (null or "" or "unknown");
    }

    /// <summary>Dice overlap of the circumstance markers (posture, missing phone, dating app, ...).</summary>
    private static (double, string) MarkerStrength(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return (0, "");
        var setA = a.Select(m => m.ToLowerInvariant()).ToHashSet();
        var setB = b.Select(m => m.ToLowerInvariant()).ToHashSet();
        var shared = setA.Intersect(setB).Order(StringComparer.Ordinal).ToList();
        if (shared.Count == 0) return (0, "");
        return (2.0 * shared.Count / (setA.Count + setB.Count), "shared markers: " + string.Join(", ", shared));
    }

    /// <summary>
    /// The same person connected with both deaths (the Barking killer reported the first body
    /// himself; a friend named the man another death's associates knew). Any identifier of a person
    /// (a person of the case, a family item's giver or named person, a person answer of a step, a
    /// name a text mentions) matches the same value of any kind elsewhere — except two mere
    /// capitalised runs, and never the deceased (see <see cref="Named"/>). Identifiers joined by a
    /// match are one person: "D. K...: named by a friend in FI-1 of UD-1; associate in UD-2".
    /// Several shared persons make stronger evidence than one.
    /// </summary>
    private static (double, string) SharedPersons(LinkageSubject a, LinkageSubject b)
    {
        var theirs = b.Identifiers.Where(y => y.Role != LinkageIdentifier.DeceasedRole).ToLookup(y => y.Value, StringComparer.Ordinal);
        var pairs = (
            from x in a.Identifiers
            where x.Role != LinkageIdentifier.DeceasedRole
            from y in theirs[x.Value]
            where SamePerson(x, y)
            select (Here: x, There: y)).ToList();
        if (pairs.Count == 0) return (0, "");

        // Persons joined through any shared identifier are one (a name here, his phone there).
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string k) { while (parent.TryGetValue(k, out var p) && p != k) k = p; return k; }
        foreach (var (x, y) in pairs)
        {
            var (h, t) = (Find("a:" + x.Person), Find("b:" + y.Person));
            parent.TryAdd(h, h);
            parent.TryAdd(t, t);
            if (h != t) parent[t] = h;
        }

        var missing = 1.0;
        var details = new List<string>();
        foreach (var person in pairs.GroupBy(p => Find("a:" + p.Here.Person)))
        {
            var kinds = person.SelectMany(p => new[] { p.Here.Kind, p.There.Kind })
                .Select(k => IdentifierKinds.IsName(k) ? IdentifierKinds.Name : k).Distinct()
                .OrderBy(k => IdentifierKinds.OfPersons.ToList().IndexOf(k)).ToList();
            var strength = kinds.Any(k => k != IdentifierKinds.Name) ? 1.0 : NameOnlyStrength;
            missing *= 1 - strength;
            var named = person.SelectMany(p => new[] { p.Here, p.There }).ToList();
            var who = (named.FirstOrDefault(i => i.Kind == IdentifierKinds.Name) ?? named.FirstOrDefault(i => IdentifierKinds.IsName(i.Kind)) ?? named[0]).Label;
            details.Add($"{who}: {Words.Where(person.Select(p => p.Here.Role), a.Reference)}; "
                + $"{Words.Where(person.Select(p => p.There.Role), b.Reference)} (same {Words.And(kinds.Select(Words.Kind))})");
        }
        return (1 - missing, string.Join("; ", details));
    }

    /// <summary>Whether two identifiers of persons (not the deceased) are the same person's.</summary>
    public static bool SamePerson(LinkageIdentifier x, LinkageIdentifier y) =>
        x.Value == y.Value && (IdentifierKinds.IsName(x.Kind)
            ? IdentifierKinds.IsName(y.Kind) && !(x.Kind == IdentifierKinds.Mention && y.Kind == IdentifierKinds.Mention)
            : x.Kind == y.Kind);

    /// <summary>The deceased of one case named in the other's texts (in Barking, a note named another victim).</summary>
    private static (double, string) Named(LinkageSubject a, LinkageSubject b)
    {
        var details = new List<string>();
        foreach (var (text, people, where) in new[] { (a, b, "here"), (b, a, "there") })
        {
            var mentions = text.Identifiers.Where(i => i.Kind is IdentifierKinds.Mention or IdentifierKinds.PersonMention)
                .Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var named in people.Identifiers.Where(i => i.Kind == IdentifierKinds.Name && i.Role == LinkageIdentifier.DeceasedRole && mentions.Contains(i.Value)).DistinctBy(i => i.Person))
            {
                var whose = where == "here" ? "the other case" : "this case";
                details.Add($"{named.Label} ({Words.Role(named.Role)} in {whose}) named in the circumstances {where}");
            }
        }
        return (details.Count > 0 ? 1 : 0, string.Join("; ", details));
    }

    /// <summary>Words for reasons: invariant culture, plain units.</summary>
    private static class Words
    {
        public static string Distance(double km) => km < 1
            ? $"{(Math.Round(km * 100) * 10).ToString("0", CultureInfo.InvariantCulture)} m"
            : km < 10 ? $"{km.ToString("0.0", CultureInfo.InvariantCulture)} km" : $"{km.ToString("0", CultureInfo.InvariantCulture)} km";

        public static string TimeApart(double days) => days < 1
            ? "found within a day of each other"
            : days < 60 ? $"found {days.ToString("0", CultureInfo.InvariantCulture)} days apart"
            : $"found {(days / 30.44).ToString("0", CultureInfo.InvariantCulture)} months apart";

        // A role key ("reporting-person") in words; a description ("named by a friend in FI-1") as it is.
        public static string Role(string role) => role.Contains(' ', StringComparison.Ordinal) ? role : role.Replace('-', ' ');

        /// <summary>"named by a friend in FI-1 of UD-1", "associate and finder in UD-2".</summary>
        public static string Where(IEnumerable<string> roles, string reference)
        {
            var list = roles.Select(Role).Distinct(StringComparer.Ordinal).ToList();
            // A description that already says where ("... in FI-1", "... in the circumstances") is "of" the case.
            var placed = list.Count > 0 && list[^1].Contains(" in ", StringComparison.Ordinal);
            return $"{And(list)} {(placed ? "of" : "in")} {reference}";
        }

        public static string Kind(string kind) => kind switch
        {
            IdentifierKinds.Phone => "phone number",
            IdentifierKinds.Username => "user name",
            _ => kind,
        };

        public static string And(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
        }
    }
}

/// <summary>Great-circle distance; good to metres at the distances linkage cares about.</summary>
public static class Geo
{
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
