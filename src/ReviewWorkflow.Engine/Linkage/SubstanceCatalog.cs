using System.Text;

namespace ReviewWorkflow.Engine.Linkage;

/// <summary>
/// A substance family: spellings that name the same drug for linkage. <see cref="Specificity"/>
/// says how telling a shared family is (alcohol in two deaths says little; GHB says a lot);
/// <see cref="Rare"/> families are searched at any distance, because a shared rare drug was the
/// thread through the Barking deaths that nobody followed.
/// </summary>
public sealed record SubstanceFamily(string Key, double Specificity, bool Rare, IReadOnlyList<string> Spellings);

/// <summary>A case's substances as linkage reads them: known families, and spellings we do not recognise.</summary>
public sealed record SubstanceReading(IReadOnlyList<string> Families, IReadOnlyList<string> Unrecognised);

/// <summary>
/// Known substances and their synonyms. GHB, GBL and 1,4-butanediol are one family: the body turns
/// GBL and 1,4-BD into GHB, and toxicology reports name whichever they found. An unknown spelling
/// is never dropped: it stays on the case, is flagged, and still matches the same spelling elsewhere.
/// </summary>
public static class SubstanceCatalog
{
    /// <summary>How telling a shared spelling that is not in the catalogue is.</summary>
    public const double UnrecognisedSpecificity = 0.5;

    public static IReadOnlyList<SubstanceFamily> Families { get; } =
    [
        new("GHB/GBL", 1.0, true, ["GHB", "GBL", "1,4-BD", "1,4-butanediol", "1,4-butylene glycol", "gamma-hydroxybutyrate", "gamma-hydroxybutyric acid",
            "gamma-butyrolactone", "sodium oxybate", "G", "Gina", "liquid ecstasy", "GHB/GBL"]),
        new("ketamine", 0.9, true, ["ketamine", "esketamine", "K", "special K", "ket"]),
        new("mephedrone", 0.9, true, ["mephedrone", "4-MMC", "meow meow", "M-cat", "drone"]),
        new("methamphetamine", 0.9, true, ["methamphetamine", "crystal meth", "crystal methamphetamine", "meth", "tina", "ice"]),
        new("alkyl nitrites", 0.7, false, ["poppers", "amyl nitrite", "isobutyl nitrite", "alkyl nitrite", "alkyl nitrites"]),
        new("synthetic cannabinoids", 0.6, false, ["spice", "mamba", "synthetic cannabinoid", "synthetic cannabinoids"]),
        new("MDMA", 0.6, false, ["MDMA", "ecstasy", "molly", "MDA"]),
        new("amphetamine", 0.5, false, ["amphetamine", "speed"]),
        new("benzodiazepines", 0.5, false, ["benzodiazepine", "benzodiazepines", "diazepam", "alprazolam", "etizolam", "temazepam", "lorazepam",
            "clonazepam", "xanax", "valium"]),
        new("cocaine", 0.4, false, ["cocaine", "crack", "crack cocaine", "benzoylecgonine", "coke"]),
        new("opioids", 0.4, false, ["heroin", "diamorphine", "morphine", "methadone", "fentanyl", "oxycodone", "codeine", "tramadol",
            "buprenorphine", "opioid", "opioids", "opiates"]),
        new("gabapentinoids", 0.4, false, ["pregabalin", "gabapentin"]),
        new("antidepressants", 0.3, false, ["amitriptyline", "sertraline", "citalopram", "fluoxetine", "mirtazapine", "antidepressant", "antidepressants"]),
        new("paracetamol", 0.3, false, ["paracetamol", "acetaminophen"]),
        new("cannabis", 0.2, false, ["cannabis", "THC", "marijuana", "weed"]),
        new("alcohol", 0.2, false, ["alcohol", "ethanol"]),
    ];

    private static readonly Dictionary<string, SubstanceFamily> BySpelling = Families
        .SelectMany(f => f.Spellings.Select(s => (Key: Key(s), Family: f)))
        .ToDictionary(x => x.Key, x => x.Family, StringComparer.Ordinal);

    private static readonly Dictionary<string, SubstanceFamily> ByKey = Families.ToDictionary(f => f.Key, StringComparer.Ordinal);

    /// <summary>The family of a spelling, or null when it is not in the catalogue.</summary>
    public static SubstanceFamily? Find(string spelling) => BySpelling.GetValueOrDefault(Key(spelling));

    /// <summary>
    /// Families of the given spellings (catalogue keys, plus the folded spelling of each unknown one,
    /// so two cases that both say "xylazine" still match) and the unknown spellings as given.
    /// </summary>
    public static SubstanceReading Read(IEnumerable<string> spellings)
    {
        var families = new List<string>();
        var unknown = new List<string>();
        foreach (var spelling in spellings)
        {
            var key = Key(spelling);
            if (key.Length == 0) continue;
            if (BySpelling.TryGetValue(key, out var family))
            {
                if (!families.Contains(family.Key)) families.Add(family.Key);
            }
            else
            {
                var own = "?" + key;
                if (!families.Contains(own)) families.Add(own);
                unknown.Add(spelling.Trim());
            }
        }
        return new SubstanceReading(families, unknown);
    }

    /// <summary>How telling it is that two deaths share this family (a key from <see cref="Read"/>).</summary>
    public static double Specificity(string family) =>
        ByKey.TryGetValue(family, out var known) ? known.Specificity : UnrecognisedSpecificity;

    /// <summary>The rare families, in catalogue order (the database indexes deaths having one of them).</summary>
    public static IReadOnlyList<string> RareFamilies { get; } = Families.Where(f => f.Rare).Select(f => f.Key).ToList();

    public static bool IsRare(string family) => ByKey.TryGetValue(family, out var known) && known.Rare;

    /// <summary>The family in words: the catalogue key, or the unknown spelling without its marker.</summary>
    public static string Display(string family) => family.StartsWith('?') ? family[1..] : family;

    /// <summary>
    /// Spelling-insensitive key: accents folded, lower case, only letters and digits
    /// ("1,4-BD", "1.4 bd" and "14BD" are the same key).
    /// </summary>
    public static string Key(string spelling)
    {
        var folded = Folding.Fold(spelling);
        var key = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (char.IsLetterOrDigit(ch)) key.Append(ch);
        }
        return key.ToString().ToLower(CultureInfo.InvariantCulture);
    }
}
