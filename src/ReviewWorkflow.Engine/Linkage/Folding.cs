using System.Globalization;
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
    /// written as names, and costs one indexed lookup instead of reading every text on record.
    /// </summary>
    public static IReadOnlyList<string> Mentions(string text, int max = 50)
    {
        var mentions = new List<string>();
        var run = new List<string>();
        void Flush()
        {
            for (var size = 2; size <= 3; size++)
                for (var i = 0; i + size <= run.Count; i++)
                {
                    var mention = IdentifyingName(string.Join(' ', run.Skip(i).Take(size)));
                    if (mention is not null && !mentions.Contains(mention)) mentions.Add(mention);
                }
            run.Clear();
        }

        foreach (var raw in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('"', '(', ')', '[', ']', '“', '”', '‘');
            var ends = word.Length > 0 && ".,;:!?".Contains(word[^1]);
            word = word.TrimEnd('.', ',', ';', ':', '!', '?');
            if (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) { word = word[..^2]; ends = true; }
            if (word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLetter)) run.Add(word);
            else Flush();
            if (ends) Flush();
            if (mentions.Count >= max) break;
        }
        Flush();
        return mentions.Take(max).ToList();
    }
}
