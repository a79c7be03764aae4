namespace ReviewWorkflow.Engine.Definitions;

/// <summary>Parses and validates one workflow definition (YAML text). Pure: the caller reads the file.</summary>
public static class DefinitionParser
{
    /// <param name="fileName">Used only in error messages, e.g. <c>workflows/unexplained-death/v1.yaml</c>.</param>
    /// <param name="yaml">The file's text.</param>
    /// <returns>The definition with no errors, or no definition and every error found (in file order).</returns>
    public static DefinitionLoadResult Parse(string fileName, string yaml) => Parse(fileName, yaml, expected: null);

    /// <param name="expected">When read from the workflows folder: the key and version its path implies.</param>
    internal static DefinitionLoadResult Parse(string fileName, string yaml, FileIdentity? expected)
    {
        var errors = new Diagnostics(fileName);
        var root = YamlLoader.Load(yaml, errors);
        var draft = root is null ? null : new DraftReader(errors).ReadWorkflow(root);
        if (draft is not null)
        {
            DefinitionValidator.Validate(draft, errors, expected);
        }

        // A definition with any error is never handed out: half a procedure is not a procedure.
        return draft is null || errors.Count > 0
            ? new DefinitionLoadResult(null, errors.InFileOrder())
            : new DefinitionLoadResult(DefinitionBuilder.Build(draft, ContentHash.Of(yaml)), []);
    }
}
