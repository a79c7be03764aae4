using System.Text;
using System.Text.Json.Nodes;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>What a body member is, so the generator knows which values are certainly wrong for it.</summary>
public enum Kind { Text, Rationale, Integer, Number, Boolean, Choice, Time, Object, List }

/// <param name="Limit">Most characters (text) or entries (lists) accepted; 0 when there is none.</param>
/// <param name="Required">A missing value is refused (so null is a certain mistake).</param>
/// <param name="Range">For numbers: the accepted range.</param>
public sealed record Member(string Path, Kind Kind, int Limit = 0, bool Required = false, (double Min, double Max)? Range = null);

/// <summary>A valid body for an endpoint and its members; every generated request breaks it in at least one certain way.</summary>
public sealed record Template(string Json, params Member[] Members);

/// <summary>One generated request: what to send and how it was made (to reproduce a failure).</summary>
/// <param name="Field">The member the refusal must name, where one is certain.</param>
public sealed record FuzzRequest(string Endpoint, string Method, string Path, byte[]? Body, string? ContentType, string Caller, string How, string? Field = null);

/// <summary>
/// Generates malformed requests from valid templates. Every mutation is one the API must refuse
/// (a wrong JSON type, a value out of range, an unknown member, bytes that are not UTF-8...), so no
/// generated request may change anything: a state change is a bug in the app (or in this list).
/// </summary>
public sealed class FuzzRequests(Random random, IReadOnlyDictionary<string, Template> templates, IReadOnlyDictionary<string, string[]> routeValues)
{
    private static readonly string[] BadUtf8 = ["FF", "C328", "EDA080", "F888808080", "C0AF", "80", "E282", "FE FF"];
    private static readonly string[] Callers = ["officer", "officer", "officer", "supervisor", "supervisor", "inspector", "admin", "anonymous"];

    public FuzzRequest Next(string endpoint)
    {
        var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)\}", m => Escape(Pick(routeValues[m.Groups[1].Value])));
        var caller = route.StartsWith("/api/admin") && random.Next(3) > 0 ? "admin" : Pick(Callers);
        if (method == "GET") return Query(endpoint, path, caller);
        var template = templates.GetValueOrDefault(endpoint) ?? new Template("{}");
        var (body, type, how) = Mutate(template);
        return new FuzzRequest(endpoint, method, path, body, type, caller, how);
    }

    /// <summary>GETs change nothing by definition; their query strings get the same treatment.</summary>
    private FuzzRequest Query(string endpoint, string path, string caller)
    {
        string[] names = ["status", "mine", "overdue", "needsReview", "page", "pageSize", "id", "zzz"];
        string[] values = ["", "open", "closed", "OPEN", "bogus", "-1", "0", "2147483647", "2147483648", "-2147483649", "1e9", "NaN",
            "true", "maybe", "%00", "%FF%FE", "%C3%28", new string('9', 400), "[]", "{}", "null", "1;DROP TABLE cases"];
        var query = string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{Pick(names)}={Pick(values)}"));
        return new FuzzRequest(endpoint, "GET", $"{path}?{query}", null, null, caller, "query " + query);
    }

    private (byte[]? Body, string? ContentType, string How) Mutate(Template template)
    {
        var json = template.Json;
        var members = template.Members;
        switch (random.Next(members.Length > 0 ? 16 : 9))
        {
            case 0: return (null, null, "no body");
            case 1: return (Bytes(""), "application/json", "empty body");
            case 2:
                var root = Pick(["null", "[]", "\"text\"", "42", "true", "[{}]", "-0", "1e999"]);
                return (Bytes(root), "application/json", "root " + root);
            case 3:
                var type = Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json; charset=ebcdic", "image/png"]);
                return (Bytes(json), type, "content type " + type);
            case 4:
                var cut = random.Next(1, json.Length - 1);
                return (Bytes(json[..cut]), "application/json", $"truncated at {cut}");
            case 5:
                return (Bytes(WithMember(json, "zz" + random.Next(1000), Pick<JsonNode?>([null, 1, "x", new JsonObject(), new JsonArray()]))), "application/json", "unknown member");
            case 6:
                var depth = Pick([33, 64, 65, 200, 1000, 5000]);
                var deep = new string('[', depth) + "1" + new string(']', depth);
                return (Bytes(json.Length > 2 ? json[..^1] + ",\"deep\":" + deep + "}" : "{\"deep\":" + deep + "}"), "application/json", $"nesting {depth}");
            case 7:
                var syntax = Pick(["{'a':1}", "{a:1}", json.Replace("{", "{/*c*/"), json[..^1] + ",}", json + "}", json + json, "{\"x\":NaN}", "{\"x\":Infinity}", "\uFEFF\uFEFF" + json]);
                return (Bytes(syntax), "application/json", "syntax " + syntax[..Math.Min(40, syntax.Length)]);
            case 8:
                return (InvalidUtf8(json, members), "application/json", "invalid UTF-8");
            default:
                var member = Pick(members);
                var (value, what) = WrongValue(member);
                return (Bytes(Set(json, member.Path, value)), "application/json", $"{member.Path} = {what}");
        }
    }

    /// <summary>A value the member certainly refuses.</summary>
    private (JsonNode? Value, string What) WrongValue(Member m)
    {
        var options = new List<Func<(JsonNode?, string)>>();
        void Add(Func<(JsonNode?, string)> f) => options.Add(f);
        if (m.Required) { Add(() => (null, "null")); }
        switch (m.Kind)
        {
            case Kind.Text or Kind.Rationale or Kind.Choice or Kind.Time:
                Add(() => (JsonValue.Create(random.Next(int.MinValue, int.MaxValue)), "number"));
                Add(() => (JsonValue.Create(random.Next(2) == 0), "boolean"));
                Add(() => (new JsonObject { ["value"] = "x" }, "object"));
                Add(() => (new JsonArray("x", "y"), "array"));
                break;
            case Kind.Integer or Kind.Number:
                Add(() => (JsonValue.Create(true), "boolean"));
                Add(() => (JsonValue.Create("twenty"), "word"));
                Add(() => (JsonValue.Create("NaN"), "NaN as text"));
                Add(() => (new JsonArray(1), "array"));
                Add(() => (JsonNode.Parse(Pick(["1e400", "-1e400", "99999999999999999999999"])), "overflow"));
                break;
            case Kind.Boolean:
                Add(() => (JsonValue.Create(Pick(["yes", "true", "1"])), "text"));
                Add(() => (JsonValue.Create(1), "number"));
                Add(() => (new JsonObject(), "object"));
                break;
            case Kind.Object:
                Add(() => (JsonValue.Create("an object"), "text"));
                Add(() => (JsonValue.Create(7), "number"));
                Add(() => (new JsonArray(new JsonObject()), "array"));
                break;
            case Kind.List:
                Add(() => (JsonValue.Create("a list"), "text"));
                Add(() => (new JsonObject { ["0"] = "x" }, "object"));
                Add(() => (JsonValue.Create(3), "number"));
                break;
        }
        if (m.Kind is Kind.Text or Kind.Rationale && m.Limit > 0)
            Add(() => (JsonValue.Create(Text(m.Limit + 1 + random.Next(Pick([1, 100, 20_000, 300_000])))), "too long"));
        if (m.Kind is Kind.Text && m.Required) Add(() => (JsonValue.Create(Pick(["", "   ", "\t\n"])), "blank"));
        // Only text checked by the API's own validation (which has a limit) promises to refuse control characters.
        if (m.Kind is Kind.Text && m.Limit > 0) Add(() => (JsonValue.Create("a\u0000b\u0007c"), "control characters"));
        if (m.Kind is Kind.Rationale && m.Required) Add(() => (JsonValue.Create(Pick(["", "  ", "n/a", "x", "......", "TBC"])), "token rationale"));
        if (m.Kind is Kind.Choice) Add(() => (JsonValue.Create(Pick(["bogus", "APPROVE", " linked", "linked ", "Not-Suspicious", "", "approve\u0000", "ÿ"])), "unknown choice"));
        if (m.Kind is Kind.Time)
            Add(() => (JsonValue.Create(Pick(["not a time", "2014-13-45T00:00:00Z", "2999-01-01T00:00:00Z", "1899-12-31T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2014-06-19 04:05"])), "bad time"));
        if (m.Kind is Kind.Integer or Kind.Number && m.Range is { } range)
        {
            Add(() => (JsonValue.Create(range.Min - 1 - random.Next(1000)), "below range"));
            Add(() => (JsonValue.Create(range.Max + 1 + random.Next(1000)), "above range"));
            Add(() => (JsonValue.Create(Pick([int.MinValue, int.MaxValue, -1_000_000_000])), "extreme"));
        }
        if (m.Kind is Kind.Integer) Add(() => (JsonValue.Create(23.5), "fraction"));
        if (m.Kind is Kind.List && m.Limit > 0)
            Add(() => (new JsonArray(Enumerable.Range(0, m.Limit + 1 + random.Next(50)).Select(i => (JsonNode?)JsonValue.Create($"tag{i}")).ToArray()), "too many entries"));
        if (m.Kind is Kind.List) Add(() => (new JsonArray(null, 3, true), "null and wrong entries"));
        return Pick(options)();
    }

    private byte[] InvalidUtf8(string json, Member[] members)
    {
        const string marker = "QQ7MARK7QQ"; // ASCII: the serializer escapes anything else
        var texts = members.Where(m => m.Kind is Kind.Text or Kind.Rationale or Kind.Choice).ToList();
        var withMarker = texts.Count > 0 ? Set(json, Pick(texts).Path, JsonValue.Create("before " + marker + " after"))
            : WithMember(json, "note", "before " + marker);
        var bytes = Encoding.UTF8.GetBytes(withMarker);
        var mark = Encoding.UTF8.GetBytes(marker);
        var at = bytes.AsSpan().IndexOf(mark);
        var bad = Convert.FromHexString(Pick(BadUtf8).Replace(" ", ""));
        return [.. bytes[..at], .. bad, .. bytes[(at + mark.Length)..]];
    }

    /// <summary>Text with the odd non-ASCII letter, emoji and right-to-left mark, so lengths are counted in characters, not bytes.</summary>
    private string Text(int length)
    {
        var builder = new StringBuilder(length);
        string[] pieces = ["a", "é", "ß", "名", "😀", "\u200F", " ", "Z"];
        while (builder.Length < length) builder.Append(Pick(pieces));
        return builder.ToString();
    }

    internal static string WithMember(string json, string name, JsonNode? value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[name] = value;
        return node.ToJsonString();
    }

    /// <summary>Sets a member by a path such as <c>persons[0].role</c> or <c>fields.address</c>.</summary>
    internal static string Set(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        JsonNode node = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = parts[i].Split('[') is [var n, var ix] ? (n, (int?)int.Parse(ix.TrimEnd(']'))) : (parts[i], null);
            var last = i == parts.Length - 1;
            if (index is null)
            {
                if (last) node.AsObject()[name] = value;
                else node = node[name]!;
            }
            else
            {
                var array = node[name]!.AsArray();
                if (last) array[index.Value] = value;
                else node = array[index.Value]!;
            }
        }
        return root.ToJsonString();
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
