using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace ReviewWorkflow.Web.Tests.Casework;

/// <summary>Small real files of each accepted type, and uploads of them.</summary>
public static class Files
{
    public static byte[] Pdf(string text = "statement") => Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n%%EOF\n");

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    /// <summary>A Windows executable's first bytes.</summary>
    public static readonly byte[] Executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static byte[] Text(string text = "Statement of the finder.\nHe saw a man leave at 04:00.\n") => Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<xml/>");
            }
        return buffer.ToArray();
    }

    public static byte[] Docx() => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");

    public static MultipartFormDataContent Form(byte[] content, string fileName, string? contentType = "application/octet-stream",
        params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        if (contentType is not null) file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string caseId, byte[] content, string fileName,
        string? contentType = "application/octet-stream", params (string Name, string Value)[] fields) =>
        client.PostAsync($"/api/cases/{caseId}/documents", Form(content, fileName, contentType, fields));
}
