namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// What text may hold: anything but control characters other than tab and line breaks, and halves
/// of a surrogate pair. PostgreSQL cannot store a NUL, and the rest have no business in a police
/// record (they hide text, break exports and confuse whoever reads the file next).
/// </summary>
public static class PlainText
{
    /// <summary>Null when the text is acceptable, else why not (naming the character).</summary>
    public static string? Refusal(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not '\t' and not '\n' and not '\r')
                return $"must not contain control characters (U+{(int)c:X4} at position {i + 1})";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return $"must not contain a lone surrogate (U+{(int)c:X4} at position {i + 1}); send valid Unicode";
        }
        return null;
    }
}
