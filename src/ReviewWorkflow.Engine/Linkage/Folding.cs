using System.Text;

namespace ReviewWorkflow.Engine.Linkage;

/// <summary>
/// Folds names so that the same person written differently is found: case, accents and spacing
/// ignored ("MARGARET  Hollis", "margaret hollis" and "Margarét Hollis" are one name).
/// </summary>
public static class Folding
{
    // Letters that do not decompose into a base letter plus accent.
    private static readonly Dictionary<char, string> Special = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['ø'] = "o", ['Ø'] = "o", ['ł'] = "l", ['Ł'] = "l",
        ['đ'] = "d", ['Đ'] = "d", ['þ'] = "th", ['Þ'] = "th", ['œ'] = "oe", ['Œ'] = "oe", ['ı'] = "i",
    };

    // Not names: a record of "anonymous caller" must not tie every anonymous call together.
    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal)
    {
        "unknown", "anonymous", "unnamed", "not known", "n/a", "none", "caller", "anon", "withheld",
    };

    /// <summary>Lower case, accents removed; other characters kept.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (Special.TryGetValue(ch, out var replacement)) folded.Append(replacement);
            else folded.Append(char.ToLowerInvariant(ch));
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A name as linkage compares it: folded, apostrophes dropped ("O'Brien" = "OBrien"), other
    /// punctuation as spaces, whitespace collapsed.
    /// </summary>
    public static string FoldName(string name)
    {
        var folded = Fold(name);
        var words = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (ch is '\'' or '\u2019' or '`') continue;
            words.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        }
        return string.Join(' ', words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The folded name when it can identify someone: at least two words and not a placeholder
    /// ("unknown", "anonymous caller"). A first name alone matches far too many people.
    /// </summary>
    public static string? IdentifyingName(string name)
    {
        var folded = FoldName(name);
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return null;
        if (Placeholders.Contains(folded) || words.Any(Placeholders.Contains)) return null;
        return folded;
    }

    /// <summary>
    /// A name as reasons show it: initials only ("Margaret Hollis" → "M. H..."), so that the reasons,
    /// which travel further than the case file, do not spell out who is involved.
    /// </summary>
    public static string Label(string name)
    {
        var words = FoldName(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length switch
        {
            0 => "someone",
            1 => $"{char.ToUpperInvariant(words[0][0])}...",
            _ => $"{char.ToUpperInvariant(words[0][0])}. {char.ToUpperInvariant(words[^1][0])}...",
        };
    }

    /// <summary>
    /// Names a free text may mention: runs of capitalised words ("found near Margaret Hollis's flat"
    /// gives "margaret hollis"), as folded two- and three-word sequences. A heuristic: it finds names
    /// written as names, and costs one indexed lookup instead of reading every text on record. Such a
    /// run is only a name when another case has a person of that name ("Barking Abbey" is a place).
    /// </summary>
    public static IReadOnlyList<string> Mentions(string text, int max = 50) =>
        Scan(text, max).Where(m => !m.Cued).Select(m => m.Name).ToList();

    /// <summary>
    /// Names the text itself says are people: a capitalised run right after a cue ("a man called
    /// Daniel Kerr", "named Daniel Kerr", "a friend Daniel Kerr", "found by Daniel Kerr", "Mr Daniel
    /// Kerr"). These match other cases' mentions too, where an uncued run matches only persons.
    /// Chosen over a list of first names or a tagger: it explains itself in one sentence, misses
    /// nothing written after the usual words, and a miss is still found when the other case has him
    /// as a person.
    /// </summary>
    public static IReadOnlyList<string> PersonMentions(string text, int max = 50) =>
        Scan(text, max).Where(m => m.Cued).Select(m => m.Name).ToList();

    // Words after which a capitalised run is a person; titles at the start of a run mark one too.
    private static readonly HashSet<string> Cues = new(StringComparer.Ordinal)
    {
        "called", "named", "calling", "man", "woman", "boy", "girl", "friend", "boyfriend", "girlfriend",
        "partner", "associate", "by", "with", "met", "visited", "himself", "herself",
    };

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal) { "mr", "mrs", "ms", "miss", "dr" };

    private static List<(string Name, bool Cued)> Scan(string text, int max)
    {
        var mentions = new List<(string Name, bool Cued)>();
        var run = new List<string>();
        var cued = false;
        var previous = "";
        void Flush()
        {
            if (run.Count > 0 && Titles.Contains(Fold(run[0]).TrimEnd('.'))) { run.RemoveAt(0); cued = true; }
            for (var size = 2; size <= 3; size++)
                for (var i = 0; i + size <= run.Count; i++)
                {
                    var mention = IdentifyingName(string.Join(' ', run.Skip(i).Take(size)));
                    if (mention is null) continue;
                    var at = mentions.FindIndex(m => m.Name == mention);
                    // Cued: the run's own name, from its first word (not "Kerr Had" of "Daniel Kerr Had").
                    var isCued = cued && i == 0;
                    if (at < 0) mentions.Add((mention, isCued));
                    else if (isCued) mentions[at] = (mention, true);
                }
            run.Clear();
            cued = false;
        }

        foreach (var raw in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('"', '(', ')', '[', ']', '“', '”', '‘');
            var ends = word.Length > 0 && ".,;:!?".Contains(word[^1]) && !Titles.Contains(Fold(word).TrimEnd('.'));
            word = word.TrimEnd('.', ',', ';', ':', '!', '?');
            if (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) { word = word[..^2]; ends = true; }
            if (word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLetter))
            {
                if (run.Count == 0) cued = Cues.Contains(previous);
                run.Add(word);
            }
            else Flush();
            previous = Fold(word);
            if (ends) { Flush(); previous = ""; }
            if (mentions.Count >= max) break;
        }
        Flush();
        return mentions.Take(max).ToList();
    }
}
