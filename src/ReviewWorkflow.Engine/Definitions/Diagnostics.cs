using YamlDotNet.RepresentationModel;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Collects every problem of one file. Parsing never stops at the first error: a policy author
/// fixing a file wants the whole list at once, not one round trip per mistake.
/// </summary>
internal sealed class Diagnostics(string file)
{
    private readonly List<DefinitionError> _errors = [];

    public int Count => _errors.Count;

    public void Add(int line, string path, string message) => _errors.Add(new(file, line, path, message));

    /// <summary>In file order, so the list reads top to bottom like the file (OrderBy is stable).</summary>
    public IReadOnlyList<DefinitionError> InFileOrder() => [.. _errors.OrderBy(e => e.Line)];
}

internal static class YamlNodeExtensions
{
    public static int Line(this YamlNode node) => (int)node.Start.Line;

    /// <summary>An absent value (<c>key:</c>, <c>~</c>, <c>null</c>) counts as not given.</summary>
    public static bool IsNull(this YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(this YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };
}

/// <summary>A scalar from the file with where it was, so a later cross-check can point at it.</summary>
internal sealed record Located(string Value, int Line, string Path);
