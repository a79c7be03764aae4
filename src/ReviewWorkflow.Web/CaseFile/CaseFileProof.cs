using System.Text.Json;
using PdfSharp.Pdf;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>One audit event as the file cites it: its place in the chain and its hash.</summary>
public sealed record ProofEvent(long Sequence, string Hash);

/// <summary>
/// What a case file claims about the audit trail, printed at its end and also kept, for
/// <c>verify-file</c>, in the PDF's document information as JSON: the case's events and the chain's
/// head when the file was made.
/// </summary>
public sealed record CaseFileProof(Guid CaseId, string Reference, DateTimeOffset ExportedAt, string Variant,
    IReadOnlyList<ProofEvent> Events, ProofEvent Head)
{
    public const string InfoKey = "/ReviewWorkflowProof";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void WriteTo(PdfDocument document) => document.Info.Elements.SetString(InfoKey, JsonSerializer.Serialize(this, Json));

    /// <summary>The proof a file carries, or why there is none to read.</summary>
    public static (CaseFileProof? Proof, string? Problem) ReadFrom(byte[] file)
    {
        PdfDocument document;
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        }
        // Anything at all may arrive here, and a parser meets a broken file in many ways: each means "not readable".
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return (null, "not a readable PDF file");
        }
        using (document)
        {
            var text = document.Info.Elements.GetString(InfoKey);
            if (string.IsNullOrEmpty(text)) return (null, "a PDF, but not a case file of this system: it carries no audit proof");
            try
            {
                var proof = JsonSerializer.Deserialize<CaseFileProof>(text, Json);
                return proof is { Events: not null, Head: not null } ? (proof, null) : (null, "the file's audit proof is incomplete");
            }
            catch (JsonException)
            {
                return (null, "the file's audit proof is not readable");
            }
        }
    }
}
