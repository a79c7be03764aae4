using PdfSharp.Fonts;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// The case file's typeface: DejaVu Sans from Debian's fonts-dejavu-core (scripts/prerequisites.sh
/// installs it), embedded in every file, so the file reads the same on any machine and covers the
/// accents and dashes of names and places. PDFsharp asks this resolver for every font it uses.
/// </summary>
public sealed class CaseFileFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";
    private const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private readonly string _folder;

    private CaseFileFonts(string folder) => _folder = folder;

    /// <summary>PDFsharp takes one resolver for the process; the first caller's folder wins.</summary>
    public static void Install(string? folder)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is CaseFileFonts) return;
            var path = folder ?? DefaultFolder;
            if (!File.Exists(Path.Combine(path, Regular + ".ttf")))
                throw new CaseFileException($"the case file's font {Regular}.ttf is not in {path}: install the Debian package fonts-dejavu-core (scripts/prerequisites.sh) or set CaseFile:FontFolder");
            GlobalFontSettings.FontResolver = new CaseFileFonts(path);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(_folder, faceName + ".ttf"));
}

/// <summary>The case file cannot be made or read: one sentence saying why.</summary>
public sealed class CaseFileException(string message) : Exception(message);
