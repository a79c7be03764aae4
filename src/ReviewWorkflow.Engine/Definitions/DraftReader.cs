using YamlDotNet.RepresentationModel;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Reads the YAML tree into drafts, checking everything that can be checked one value at a time:
/// known keys, required keys, value shapes, words from the vocabulary, durations and ranges.
/// Checks that need the whole file (references, cycles, safeguards) are the validator's.
/// </summary>
internal sealed class DraftReader(Diagnostics errors)
{
    public WorkflowDraft? ReadWorkflow(YamlNode root)
    {
        var map = YamlMap.Read(root, "", errors, Vocabulary.RootKeys);
        if (map is null)
        {
            return null;
        }

        var key = map.Scalar("key", required: true);
        if (key is not null && !Vocabulary.IsKey(key.Value))
        {
            errors.Add(key.Line, key.Path, $"'{key.Value}' is not a valid workflow key: {Vocabulary.KeyRule}");
        }

        var version = map.Integer("version", required: true);
        if (version < 1)
        {
            errors.Add(map.LineOf("version"), "version", $"version must be 1 or more, found {version}");
        }

        var title = map.Text("title", required: true);
        var roles = map.Words("roles") ?? [.. Roles.Casework.Select(r => new Located(r, map.Line, "roles"))];
        var escalation = ReadLadder(map) ?? [];
        var steps = (map.Items("steps", required: true) ?? []).Select(item => ReadStep(item.Node, item.Path)).OfType<StepDraft>().ToList();
        if (map.Node("steps") is YamlSequenceNode { Children.Count: 0 } empty)
        {
            errors.Add(empty.Line(), "steps", "a workflow needs at least one step");
        }

        return new WorkflowDraft(map, key, version, title, roles, escalation, steps);
    }

    private StepDraft? ReadStep(YamlNode node, string path)
    {
        var map = YamlMap.Read(node, path, errors, Vocabulary.StepKeys);
        if (map is null)
        {
            return null;
        }

        var key = map.Scalar("key", required: true);
        if (key is not null && !Vocabulary.IsKey(key.Value))
        {
            errors.Add(key.Line, key.Path, $"'{key.Value}' is not a valid step key: {Vocabulary.KeyRule}");
        }
        else if (key?.Value == "case")
        {
            errors.Add(key.Line, key.Path, "'case' is reserved: conditions use case.fact for the case's own facts");
        }

        return new StepDraft(
            map,
            key,
            map.Text("title"),
            ReadWord(map, "kind", Vocabulary.Kinds, "kind", required: true),
            map.Scalar("role"),
            map.Duration("due"),
            map.Words("after") ?? [],
            map.Scalar("when"),
            ReadCondition(map),
            ReadFields(map),
            map.Words("approves"),
            ReadWord(map, "decides", Vocabulary.Decisions, "decision") ?? DecisionPurpose.None,
            ReadCategories(map),
            map.Scalar("initial"),
            ReadRationaleMinLength(map),
            new LinkageReader(errors).Read(map),
            ReadLadder(map));
    }

    private T? ReadWord<T>(YamlMap map, string key, IReadOnlyDictionary<string, T> words, string what, bool required = false)
        where T : struct
    {
        var word = map.Scalar(key, required);
        if (word is null)
        {
            return null;
        }

        if (words.TryGetValue(word.Value, out var value))
        {
            return value;
        }

        errors.Add(word.Line, word.Path, $"unknown {what} '{word.Value}' (expected one of {Vocabulary.List(words.Keys)})");
        return null;
    }

    private Condition? ReadCondition(YamlMap step)
    {
        var text = step.Scalar("when");
        if (text is null)
        {
            return null;
        }

        var (condition, error) = ConditionParser.Parse(text.Value);
        if (error is not null)
        {
            errors.Add(text.Line, text.Path, error);
        }

        return condition;
    }

    private int ReadRationaleMinLength(YamlMap step)
    {
        var value = step.Integer("rationaleMinLength");
        if (value < 0)
        {
            errors.Add(step.LineOf("rationaleMinLength"), step.PathOf("rationaleMinLength"), $"must not be negative, found {value}");
        }

        return Math.Max(value ?? 0, 0);
    }

    private List<FieldDefinition> ReadFields(YamlMap step)
    {
        var fields = new List<FieldDefinition>();
        var seen = new Dictionary<string, int>();
        foreach (var (node, path) in step.Items("fields") ?? [])
        {
            var map = YamlMap.Read(node, path, errors, Vocabulary.FieldKeys);
            if (map is null)
            {
                continue;
            }

            var key = map.Scalar("key", required: true);
            if (key is not null && !Vocabulary.IsKey(key.Value))
            {
                errors.Add(key.Line, key.Path, $"'{key.Value}' is not a valid field key: {Vocabulary.KeyRule}");
            }
            else if (key is not null && !seen.TryAdd(key.Value, key.Line))
            {
                errors.Add(key.Line, key.Path, $"duplicate field key '{key.Value}' (first defined at line {seen[key.Value]})");
                key = null;
            }

            var type = ReadWord(map, "type", Vocabulary.FieldTypes, "field type", required: true);
            var choices = ReadChoices(map, type);
            var minLength = map.Integer("minLength");
            if (minLength < 0)
            {
                errors.Add(map.LineOf("minLength"), map.PathOf("minLength"), $"must not be negative, found {minLength}");
            }
            else if (minLength is not null && type is not null && type != FieldType.Text)
            {
                errors.Add(map.LineOf("minLength"), map.PathOf("minLength"), "minLength is only for text fields");
            }

            var label = map.Text("label");
            var required = map.Flag("required") ?? false;
            if (key is not null && type is not null)
            {
                fields.Add(new FieldDefinition(key.Value, label ?? key.Value, type.Value, required, choices, Math.Max(minLength ?? 0, 0)));
            }
        }

        return fields;
    }

    private IReadOnlyList<string> ReadChoices(YamlMap field, FieldType? type)
    {
        var choices = field.Words("choices");
        if (type == FieldType.Choice && (choices is null || choices.Count == 0))
        {
            errors.Add(field.LineOf("choices"), field.PathOf("choices"), "a choice field needs choices");
        }
        else if (type is not null and not FieldType.Choice && field.Has("choices"))
        {
            errors.Add(field.LineOf("choices"), field.PathOf("choices"), "choices are only for choice fields");
        }

        foreach (var repeat in (choices ?? []).GroupBy(c => c.Value).Where(g => g.Count() > 1).Select(g => g.Skip(1).First()))
        {
            errors.Add(repeat.Line, repeat.Path, $"choice '{repeat.Value}' is listed twice");
        }

        return [.. (choices ?? []).Select(c => c.Value).Distinct()];
    }

    private List<CategoryDraft>? ReadCategories(YamlMap step)
    {
        var items = step.Items("categories");
        if (items is null)
        {
            return null;
        }

        var categories = new List<CategoryDraft>();
        var seen = new Dictionary<string, int>();
        foreach (var (node, path) in items)
        {
            var map = YamlMap.Read(node, path, errors, Vocabulary.CategoryKeys);
            var key = map?.Scalar("key", required: true);
            if (map is null || key is null)
            {
                continue;
            }

            if (!Vocabulary.IsKey(key.Value))
            {
                errors.Add(key.Line, key.Path, $"'{key.Value}' is not a valid category key: {Vocabulary.KeyRule}");
            }
            else if (!seen.TryAdd(key.Value, key.Line))
            {
                errors.Add(key.Line, key.Path, $"duplicate category '{key.Value}' (first defined at line {seen[key.Value]})");
                continue;
            }

            var requires = map.Words("requires") ?? [];
            var definition = new CategoryDefinition(
                key.Value, map.Text("title") ?? key.Value, [.. requires.Select(r => r.Value)], map.Flag("clearedRegisters") ?? false);
            categories.Add(new CategoryDraft(definition, requires, map.Line, map.Path));
        }

        return categories;
    }

    /// <summary>An escalation ladder (the workflow default, or a step's override); null when not given.</summary>
    private List<EscalationRung>? ReadLadder(YamlMap owner)
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
