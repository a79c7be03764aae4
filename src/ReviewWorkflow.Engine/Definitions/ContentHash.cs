using System.Security.Cryptography;
using System.Text;

namespace ReviewWorkflow.Engine.Definitions;

internal static class ContentHash
{
    /// <summary>
    /// Lowercase hex SHA-256 of the text with line endings normalised, so a checkout on Windows
    /// (CRLF) does not look like a change to a published version.
    /// </summary>
    public static string Of(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace('\r', '\n'))));
}
