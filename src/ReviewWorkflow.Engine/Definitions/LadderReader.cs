namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Reads an escalation ladder. Levels must rise because each level is emailed once and recorded
/// by number: a repeated or falling level would be skipped or sent out of order.
/// </summary>
internal sealed class LadderReader(Diagnostics errors)
{
    /// <summary>The workflow's default ladder or a step's override; null when not given.</summary>
    public List<EscalationRung>? Read(YamlMap owner)
    {
        var items = owner.Items("escalation");
        if (items is null)
        {
            return owner.Has("escalation") ? [] : null;
        }

        var rungs = new List<EscalationRung>();
        int? previous = null;
        foreach (var ((node, path), position) in items.Select((item, i) => (item, i + 1)))
        {
            var map = YamlMap.Read(node, path, errors, Vocabulary.RungKeys);
            if (map is null)
            {
                continue;
            }

            var level = map.Integer("level") ?? position;
            if (level < 1)
            {
                errors.Add(map.LineOf("level"), map.PathOf("level"), $"escalation levels start at 1, found {level}");
            }
            else if (level <= previous)
            {
                errors.Add(map.LineOf("level"), map.PathOf("level"), $"escalation levels must be strictly increasing: level {level} follows level {previous}");
            }

            previous = level;
            var after = map.Duration("after", required: true);
            var notify = map.Scalar("notify", required: true);
            if (notify is not null && !Vocabulary.NotifyTargets.Contains(notify.Value))
            {
                errors.Add(notify.Line, notify.Path, $"unknown notify target '{notify.Value}' (expected one of {Vocabulary.List(Vocabulary.NotifyTargets)})");
            }
            else if (after is not null && notify is not null)
            {
                rungs.Add(new EscalationRung(level, after.Value, notify.Value));
            }
        }

        return rungs;
    }
}
