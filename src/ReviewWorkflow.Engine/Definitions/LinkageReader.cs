namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Reads a linkage step's settings. The ranges matter: a zero radius, an empty window or all-zero
/// weights would quietly turn the linkage check (failing F8) into one that can never find a link.
/// </summary>
internal sealed class LinkageReader(Diagnostics errors)
{
    public LinkageSettings? Read(YamlMap step)
    {
        var map = step.Map("linkage", Vocabulary.LinkageKeys);
        if (map is null)
        {
            return null;
        }

        var valid = true;
        var radius = map.Number("radiusKm", required: true);
        valid &= Check(map, "radiusKm", radius is null or > 0, "must be greater than 0") && radius is not null;
        var window = map.Integer("windowDays", required: true);
        valid &= Check(map, "windowDays", window is null or > 0, "must be greater than 0") && window is not null;
        var threshold = map.Number("threshold", required: true);
        valid &= Check(map, "threshold", threshold is null or (>= 0 and <= 1), "must be between 0 and 1") && threshold is not null;
        var weights = ReadWeights(map);
        valid &= weights is not null;

        return valid ? new LinkageSettings(radius!.Value, window!.Value, threshold!.Value, weights!.AsReadOnly()) : null;
    }

    private Dictionary<string, double>? ReadWeights(YamlMap linkage)
    {
        var map = linkage.Map(
            "weights", Vocabulary.LinkageFactors, required: true,
            unknownKeyMessage: name => $"unknown linkage factor '{name}' (known: {Vocabulary.List(Vocabulary.LinkageFactors)})");
        if (map is null)
        {
            return null;
        }

        // Every factor is present (unlisted ones weigh 0) so the scorer never guesses a default.
        var weights = new Dictionary<string, double>();
        var valid = true;
        foreach (var factor in Vocabulary.LinkageFactors)
        {
            var weight = map.Number(factor);
            valid &= Check(map, factor, weight is null or >= 0, "a weight must not be negative");
            weights[factor] = Math.Max(weight ?? 0, 0);
        }

        if (valid && weights.Values.All(w => w == 0))
        {
            errors.Add(map.Line, map.Path, "every weight is zero: the linkage check could never find a candidate");
            valid = false;
        }

        return valid ? weights : null;
    }

    private bool Check(YamlMap map, string key, bool ok, string message)
    {
        if (!ok)
        {
            // Quote the author's own text: a formatted double would depend on the culture.
            errors.Add(map.LineOf(key), map.PathOf(key), $"{message}, found {map.Text(key)}");
        }

        return ok;
    }
}
