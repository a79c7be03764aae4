using System.IO.Compression;
using System.Text;

namespace ReviewWorkflow.Web.Casework;

/// <summary>
/// What a file is, read from its first bytes (and, for DOCX, its ZIP directory): a name or a
/// Content-Type is the sender's claim, and a script renamed <c>statement.pdf</c> must not be filed
/// as one.
/// </summary>
public static class DocumentTypes
{
    public sealed record FileType(string ContentType, string Label);

    public static readonly FileType Pdf = new("application/pdf", "PDF");
    public static readonly FileType Png = new("image/png", "PNG");
    public static readonly FileType Jpeg = new("image/jpeg", "JPEG");
    public static readonly FileType Text = new("text/plain; charset=utf-8", "plain text (UTF-8)");
    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX");

    public static readonly IReadOnlyList<FileType> Accepted = [Pdf, Png, Jpeg, Text, Docx];

    public static string AcceptedList => string.Join(", ", Accepted.Select(t => t.Label));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FileType? Detect(byte[] content)
    {
        var head = content.AsSpan();
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("PK\u0003\u0004"u8)) return IsDocx(content) ? Docx : null;
        return IsPlainText(content) ? Text : null;
    }

    /// <summary>The declared type, when it names an accepted type other than what the content is: a forgery or a mistake, refused either way.</summary>
    public static FileType? Contradicted(string? declared, FileType actual)
    {
        var media = declared?.Split(';')[0].Trim();
        if (string.IsNullOrEmpty(media)) return null;
        var named = Accepted.FirstOrDefault(t => string.Equals(t.ContentType.Split(';')[0], media, StringComparison.OrdinalIgnoreCase));
        return named is not null && named != actual ? named : null;
    }

    private static bool IsDocx(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Valid UTF-8 with no control characters but tab and line breaks (the rule for every text field).</summary>
    private static bool IsPlainText(byte[] content)
    {
        try
        {
            var text = StrictUtf8.GetString(content);
            return PlainText.Refusal(text.TrimStart('\uFEFF')) is null;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
