namespace ReviewWorkflow.Engine.Definitions;

/// <summary>Reads the classification decision's categories and the steps each requires first.</summary>
internal sealed class CategoryReader(Diagnostics errors)
{
    public List<CategoryDraft>? Read(YamlMap step)
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
}
