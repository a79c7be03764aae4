using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>Lays the case file's lines out on A4 pages, embeds the font and the proof, and returns the PDF's bytes.</summary>
public static class CaseFilePdf
{
    private const double Margin = 56, LabelWidth = 150, IndentWidth = 14, Gap = 8;
    private static readonly XFont TitleFont = new(CaseFileFonts.Family, 18, XFontStyleEx.Bold);
    private static readonly XFont HeadingFont = new(CaseFileFonts.Family, 13.5, XFontStyleEx.Bold);
    private static readonly XFont SubheadingFont = new(CaseFileFonts.Family, 11, XFontStyleEx.Bold);
    private static readonly XFont BodyFont = new(CaseFileFonts.Family, 9.5, XFontStyleEx.Regular);
    private static readonly XFont LabelFont = new(CaseFileFonts.Family, 9.5, XFontStyleEx.Bold);
    private static readonly XFont NoteFont = new(CaseFileFonts.Family, 8.5, XFontStyleEx.Regular);
    private static readonly XFont HashFont = new(CaseFileFonts.Family, 8, XFontStyleEx.Regular);

    public static byte[] Render(string reference, IReadOnlyList<CaseFileLine> lines, CaseFileProof proof)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Case file {reference}";
        document.Info.Creator = "ReviewWorkflow";
        // A fixed creation time: the file is a function of the record and the moment it was made.
        document.Info.CreationDate = proof.ExportedAt.UtcDateTime;
        proof.WriteTo(document);

        var layout = new Layout(document);
        foreach (var line in lines) layout.Write(line);
        layout.Finish();
        Footers(document, reference);

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Footers(PdfDocument document, string reference)
    {
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            gfx.DrawString($"Case file {reference} — page {i + 1} of {document.PageCount}", NoteFont, XBrushes.Gray,
                new XPoint(Margin, page.Height.Point - Margin / 2));
        }
    }

    /// <summary>The page being written and where the next line goes; a new page when the next block does not fit.</summary>
    private sealed class Layout(PdfDocument document)
    {
        private XGraphics? _gfx;
        private double _y, _bottom, _width;

        public void Write(CaseFileLine line)
        {
            var indent = line.Indent * IndentWidth;
            switch (line.Style)
            {
                case LineStyle.Title: Block(TitleFont, line.Text, indent, before: 0, after: 6); break;
                case LineStyle.Heading: Block(HeadingFont, line.Text, indent, before: 14, after: 6, keepWithNext: 40); break;
                case LineStyle.Subheading: Block(SubheadingFont, line.Text, indent, before: 9, after: 3, keepWithNext: 30); break;
                case LineStyle.Note: Block(NoteFont, line.Text, indent, before: 2, after: 4, brush: XBrushes.DimGray); break;
                case LineStyle.Hash: Block(HashFont, line.Text, indent, before: 0, after: 2); break;
                case LineStyle.Event: Block(BodyFont, line.Text, indent, before: 2, after: 1, keepWithNext: HashFont.GetHeight()); break;
                case LineStyle.Field: FieldRow(line.Label ?? "", line.Text, indent); break;
                default: Block(BodyFont, line.Text, indent, before: 2, after: 2); break;
            }
        }

        public void Finish() => _gfx?.Dispose();

        private XGraphics Gfx => _gfx ?? NewPage();

        private XGraphics NewPage()
        {
            _gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
            _bottom = page.Height.Point - Margin;
            _width = page.Width.Point - 2 * Margin;
            return _gfx;
        }

        private void Block(XFont font, string text, double indent, double before, double after, XBrush? brush = null, double keepWithNext = 0)
        {
            var gfx = Gfx;
            var rows = Wrap(gfx, font, text, _width - indent);
            var height = font.GetHeight();
            if (_y > Margin) _y += before;
            if (_y + height + keepWithNext > _bottom) gfx = NewPage();
            foreach (var row in rows)
            {
                if (_y + height > _bottom) gfx = NewPage();
                gfx.DrawString(row, font, brush ?? XBrushes.Black, new XPoint(Margin + indent, _y + height * 0.8));
                _y += height;
            }
            _y += after;
        }

        /// <summary>Label in a column of its own, the value beside it; a row split over pages keeps both columns in step.</summary>
        private void FieldRow(string label, string text, double indent)
        {
            var gfx = Gfx;
            var labels = Wrap(gfx, LabelFont, label, LabelWidth - Gap);
            var values = Wrap(gfx, BodyFont, text, _width - indent - LabelWidth);
            var height = BodyFont.GetHeight();
            for (var i = 0; i < Math.Max(labels.Count, values.Count); i++)
            {
                if (_y + height > _bottom) gfx = NewPage();
                var baseline = _y + height * 0.8;
                if (i < labels.Count) gfx.DrawString(labels[i], LabelFont, XBrushes.Black, new XPoint(Margin + indent, baseline));
                if (i < values.Count) gfx.DrawString(values[i], BodyFont, XBrushes.Black, new XPoint(Margin + indent + LabelWidth, baseline));
                _y += height;
            }
            _y += 1.5;
        }

        /// <summary>Words on rows no wider than <paramref name="width"/>; a word wider than a row (a hash, a link) is cut.</summary>
        private static List<string> Wrap(XGraphics gfx, XFont font, string text, double width)
        {
            var rows = new List<string>();
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var row = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = row.Length == 0 ? word : row + " " + word;
                    if (gfx.MeasureString(candidate, font).Width <= width) { row = candidate; continue; }
                    if (row.Length > 0) rows.Add(row);
                    row = word;
                    while (row.Length > 1 && gfx.MeasureString(row, font).Width > width)
                    {
                        var fit = row.Length - 1;
                        while (fit > 1 && gfx.MeasureString(row[..fit], font).Width > width) fit--;
                        rows.Add(row[..fit]);
                        row = row[fit..];
                    }
                }
                rows.Add(row);
            }
            return rows;
        }
    }
}
