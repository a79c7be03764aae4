namespace ReviewWorkflow.Engine.Definitions;

/// <summary>Reads a step's fields: the typed answers an officer gives when completing it.</summary>
internal sealed class FieldReader(Diagnostics errors)
{
    public List<FieldDefinition> Read(YamlMap step)
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

            var type = map.Word("type", Vocabulary.FieldTypes, "field type", required: true);
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

            var maxLength = Limit(map, "maxLength", type, MaxLengthCeiling, FieldType.Text, FieldType.List);
            var maxItems = Limit(map, "maxItems", type, MaxItemsCeiling, FieldType.List);
            if (maxLength is not null && minLength > maxLength)
            {
                errors.Add(map.LineOf("maxLength"), map.PathOf("maxLength"), $"must not be less than minLength ({minLength})");
            }

            // A list of people (persons checked, spoken to): each entry is indexed for the linkage check.
            var persons = map.Flag("persons") ?? false;
            if (persons && type is not null && type != FieldType.List)
            {
                errors.Add(map.LineOf("persons"), map.PathOf("persons"), "persons is only for list fields");
            }

            // Substances found (toxicology): each entry is added to the case's substances, which the linkage check compares.
            var substances = map.Flag("substances") ?? false;
            if (substances && type is not null && type != FieldType.List)
            {
                errors.Add(map.LineOf("substances"), map.PathOf("substances"), "substances is only for list fields");
            }

            var label = map.Text("label");
            var required = map.Flag("required") ?? false;
            if (key is not null && type is not null)
            {
                fields.Add(new FieldDefinition(key.Value, label ?? key.Value, type.Value, required, choices, Math.Max(minLength ?? 0, 0), maxLength, maxItems, persons && type == FieldType.List)
                {
                    Substances = substances && type == FieldType.List,
                });
            }
        }

        return fields;
    }

    // A request body is at most 1 MiB, so a larger limit could never be reached; a smaller one is a choice.
    private const int MaxLengthCeiling = 100_000, MaxItemsCeiling = 1_000;

    /// <summary>An optional positive limit, only on the field types it means something for.</summary>
    private int? Limit(YamlMap map, string name, FieldType? type, int ceiling, params FieldType[] types)
    {
        var value = map.Integer(name);
        if (value is null)
        {
            return null;
        }

        if (value < 1 || value > ceiling)
        {
            errors.Add(map.LineOf(name), map.PathOf(name), $"must be between 1 and {Evaluation.Wording.Count(ceiling)}, found {value}");
            return null;
        }

        if (type is not null && !types.Contains(type.Value))
        {
            errors.Add(map.LineOf(name), map.PathOf(name), $"{name} is only for {string.Join(" and ", types.Select(t => Vocabulary.FieldTypes.First(f => f.Value == t).Key))} fields");
            return null;
        }

        return value;
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
}
