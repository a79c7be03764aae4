using YamlDotNet.RepresentationModel;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// One YAML mapping read against the keys it may hold. Every getter reports a wrong shape or a
/// bad value itself and returns null, so callers read a whole file without stopping.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = [];
    private readonly Diagnostics _errors;

    private YamlMap(string path, int line, Diagnostics errors)
    {
        Path = path;
        Line = line;
        _errors = errors;
    }

    public string Path { get; }

    public int Line { get; }

    /// <summary>Reads <paramref name="node"/> as a mapping; unknown keys are errors so a typo is never silently ignored.</summary>
    public static YamlMap? Read(
        YamlNode node, string path, Diagnostics errors, IReadOnlyCollection<string> known, Func<string, string>? unknownKeyMessage = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node.Line(), path.Length == 0 ? "(root)" : path, $"expected a mapping of keys to values, found {node.Describe()}");
            return null;
        }

        var map = new YamlMap(path, node.Line(), errors);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                errors.Add(key.Line(), path.Length == 0 ? "(root)" : path, "keys must be plain words");
                continue;
            }

            if (!known.Contains(name))
            {
                errors.Add(key.Line(), map.PathOf(name), unknownKeyMessage?.Invoke(name) ?? $"unknown key '{name}'");
                continue;
            }

            map._entries[name] = (key, value);
        }

        return map;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The line to blame for <paramref name="key"/>: its value if present, else the mapping.</summary>
    public int LineOf(string key) => _entries.TryGetValue(key, out var e) ? e.Value.Line() : Line;

    /// <summary>True when the key is written, even with an empty value.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The value node, or null when absent or empty; reports a missing required key.</summary>
    public YamlNode? Node(string key, bool required = false)
    {
        if (_entries.TryGetValue(key, out var entry) && !entry.Value.IsNull())
        {
            return entry.Value;
        }

        if (required)
        {
            _errors.Add(LineOf(key), PathOf(key), Has(key) ? $"required key '{key}' has no value" : $"missing required key '{key}'");
        }

        return null;
    }

    public Located? Scalar(string key, bool required = false)
    {
        var scalar = Node<YamlScalarNode>(key, required, "a single value");
        return scalar is null ? null : new Located(scalar.Value ?? "", scalar.Line(), PathOf(key));
    }

    public string? Text(string key, bool required = false) => Scalar(key, required)?.Value;

    public int? Integer(string key, bool required = false) => Parse<int>(Scalar(key, required), s =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? (value, null) : (null, $"'{s}' is not a whole number"));

    public double? Number(string key, bool required = false) => Parse<double>(Scalar(key, required), s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? (value, null) : (null, $"'{s}' is not a number"));

    public bool? Flag(string key) => Parse<bool>(Scalar(key), s =>
        bool.TryParse(s, out var value) ? (value, null) : (null, $"'{s}' is not true or false"));

    /// <summary>A word from a fixed vocabulary (kind, field type, decision); anything else is reported with the choices.</summary>
    public T? Word<T>(string key, IReadOnlyDictionary<string, T> words, string what, bool required = false)
        where T : struct =>
        Parse<T>(Scalar(key, required), s => words.TryGetValue(s, out var value) ? (value, null) : (null, $"unknown {what} '{s}' (expected one of {Vocabulary.List(words.Keys)})"));

    public TimeSpan? Duration(string key, bool required = false) => Parse<TimeSpan>(Scalar(key, required), s =>
        IsoDuration.TryParse(s, out var value, out var error) ? (value, null) : (null, error));

    /// <summary>A scalar read as a <typeparamref name="T"/>; null when it is absent, or wrong (the error reported at its line).</summary>
    private T? Parse<T>(Located? scalar, Func<string, (T? Value, string? Error)> read)
        where T : struct
    {
        if (scalar is null)
        {
            return null;
        }

        var (value, error) = read(scalar.Value);
        if (error is not null)
        {
            _errors.Add(scalar.Line, scalar.Path, error);
        }

        return value;
    }

    /// <summary>The items of a list value with their paths (<c>steps[3]</c>); null when absent.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? Items(string key, bool required = false)
    {
        var sequence = Node<YamlSequenceNode>(key, required, "a list");
        return sequence is null ? null : [.. sequence.Children.Select((item, i) => (item, $"{PathOf(key)}[{i}]"))];
    }

    /// <summary>The value as a node of type <typeparamref name="T"/>; null when absent, or of another type (reported as not <paramref name="expected"/>).</summary>
    private T? Node<T>(string key, bool required, string expected)
        where T : YamlNode
    {
        var node = Node(key, required);
        if (node is null or T)
        {
            return node as T;
        }

        _errors.Add(node.Line(), PathOf(key), $"expected {expected}, found {node.Describe()}");
        return null;
    }

    /// <summary>A list of single values, such as <c>after: [a, b]</c>; null when absent.</summary>
    public IReadOnlyList<Located>? Words(string key, bool required = false)
    {
        var items = Items(key, required);
        if (items is null)
        {
            return null;
        }

        var words = new List<Located>();
        foreach (var (node, path) in items)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value } && !node.IsNull())
            {
                words.Add(new Located(value, node.Line(), path));
            }
            else
            {
                _errors.Add(node.Line(), path, node is YamlScalarNode ? "empty value" : $"expected a single value, found {node.Describe()}");
            }
        }

        return words;
    }

    public YamlMap? Map(
        string key, IReadOnlyCollection<string> known, bool required = false, Func<string, string>? unknownKeyMessage = null)
    {
        var node = Node(key, required);
        return node is null ? null : Read(node, PathOf(key), _errors, known, unknownKeyMessage);
    }
}
