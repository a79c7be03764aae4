using System.Text.RegularExpressions;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>The file's place in the workflows folder: <c>&lt;key&gt;/v&lt;version&gt;.yaml</c>.</summary>
internal sealed partial record FileIdentity(string Key, int Version)
{
    /// <summary>Reads <c>unexplained-death/v1.yaml</c>; null for any other shape (v01, V1, nested folders).</summary>
    public static FileIdentity? FromPath(string relativePath)
    {
        var match = Pattern().Match(relativePath);
        return match.Success && int.TryParse(match.Groups["version"].Value, out var version)
            ? new FileIdentity(match.Groups["key"].Value, version)
            : null;
    }

    [GeneratedRegex(@"^(?<key>[^/]+)/v(?<version>[1-9][0-9]{0,8})\.yaml$")]
    private static partial Regex Pattern();
}
