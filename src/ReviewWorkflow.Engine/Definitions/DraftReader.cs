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
        var escalation = new LadderReader(errors).Read(map) ?? [];
        var steps = (map.Items("steps", required: true) ?? []).Select(item => ReadStep(item.Node, item.Path)).OfType<StepDraft>().ToList();
        if (map.Node("steps") is YamlSequenceNode { Children.Count: 0 } empty)
        {
            errors.Add(empty.Line(), "steps", "a workflow needs at least one step");
        }

        return new WorkflowDraft(map, key, version, title, roles, escalation, steps) { Description = map.Text("description") };
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
            map.Word("kind", Vocabulary.Kinds, "kind", required: true),
            map.Scalar("role"),
            map.Duration("due"),
            map.Words("after") ?? [],
            map.Scalar("when"),
            ReadCondition(map),
            new FieldReader(errors).Read(map),
            map.Words("approves"),
            map.Word("decides", Vocabulary.Decisions, "decision") ?? DecisionPurpose.None,
            new CategoryReader(errors).Read(map),
            map.Scalar("initial"),
            ReadRationaleMinLength(map),
            new LinkageReader(errors).Read(map),
            new LadderReader(errors).Read(map));
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
}
