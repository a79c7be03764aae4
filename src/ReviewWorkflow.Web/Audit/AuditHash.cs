using System.Security.Cryptography;
using System.Text;

namespace ReviewWorkflow.Web.Audit;

public static class AuditHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Compute(long sequence, DateTimeOffset at, string actorId, string actorName, Guid? caseId,
        string action, string data, string previousHash)
    {
        var content = string.Join('\n', sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            actorId, actorName, caseId?.ToString() ?? "", action, data, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    public static string Compute(AuditEvent e) =>
        Compute(e.Sequence, e.At, e.ActorId, e.ActorName, e.CaseId, e.Action, e.Data, e.PreviousHash);

    /// <summary>PostgreSQL keeps microseconds; hashing a finer time would make every row look altered when read back.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
}
