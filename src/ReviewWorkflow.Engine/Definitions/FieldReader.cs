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
}
