using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReviewWorkflow.Engine.Definitions;

/// <summary>Loads the YAML tree, turning every way a file can fail to be YAML into one located error.</summary>
internal static class YamlLoader
{
    private const string Path = "(yaml)";

    public static YamlNode? Load(string yaml, Diagnostics errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = e.Message.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"duplicate key '{e.Message["Duplicate key ".Length..]}' in the same mapping"
                : e.Message;
            errors.Add((int)e.Start.Line, Path, $"malformed YAML: {message} (column {e.Start.Column})");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way (not with a YamlException) on some unclosed
            // flow collections; rescan to find where it gave up so the author still gets a line.
            errors.Add(LineWhereScannerStops(yaml), Path, "malformed YAML: cannot be read past this line (an unclosed '[', '{' or quote?)");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode.IsNull())
        {
            errors.Add(1, Path, "the file is empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode.Line(), Path, $"expected one YAML document, found {stream.Documents.Count}");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static int LineWhereScannerStops(string yaml)
    {
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            while (scanner.MoveNext())
            {
            }
        }
        catch (Exception)
        {
            // Expected: this rescan exists to fail, at a known position.
        }

        return (int)scanner.CurrentPosition.Line;
    }
}
