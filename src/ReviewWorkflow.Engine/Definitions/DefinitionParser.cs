namespace ReviewWorkflow.Engine.Definitions;

/// <summary>Parses and validates one workflow definition (YAML text). Pure: the caller reads the file.</summary>
public static class DefinitionParser
{
    /// <param name="fileName">Used only in error messages, e.g. <c>workflows/unexplained-death/v1.yaml</c>.</param>
    /// <param name="yaml">The file's text.</param>
    public static DefinitionLoadResult Parse(string fileName, string yaml) => throw new NotImplementedException();
}
