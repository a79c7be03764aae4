using System.Text;
using System.Text.Json.Nodes;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>
/// Requests that carry hostile text: each of <see cref="Refused"/> in every text member of every
/// endpoint's body, in member names, route values and query strings, and strings longer than the
/// member takes. The other text members of the same body hold <see cref="Odd"/> strings — legal but
/// awkward — so they reach the validators too while the request as a whole is certainly refused.
/// </summary>
public sealed class HostileText(IReadOnlyDictionary<string, Template> templates, IReadOnlyDictionary<string, string[]> routeValues)
{
    /// <summary>Text no field may hold.</summary>
    public static readonly (string Name, string Text)[] Refused =
    [
        ("NUL", "a\u0000b"), ("NUL alone", "\u0000"), ("trailing NUL", "officer@demo.local\u0000"), ("bell", "ring\u0007"),
        ("escape sequence", "\u001b[2J\u001b[31mred"), ("backspace", "ab\u0008c"), ("vertical tab", "a\u000Bb"), ("form feed", "\u000C"),
        ("unit separator", "x\u001F"), ("lone high surrogate", "a\uD800b"), ("lone low surrogate", "\uDC00"),
        ("reversed surrogate pair", "\uDE00\uD83D"), ("RTL override and NUL", "\u202Egnp.exe\u0000"),
    ];

    /// <summary>Legal text that has broken programs before: direction overrides, joiners, injections, escapes spelt out.</summary>
    public static readonly string[] Odd =
    [
        "\u202Eevil\u202C", "a\u200B\u200Db", "\uFEFFbom", "e\u0301\u0301\u0301", "'; DROP TABLE cases; --", "<script>alert(1)</script>",
        "%00", "\\u0000", "😀👨‍👩‍👧", "名前", "del\u007F", "next\u0085line", "line\u2028sep", "tab\tand\r\nnewline",
    ];

    private const string Marker = "QQ7HOSTILE7QQ"; // ASCII, so it survives serialization unchanged

    public IEnumerable<FuzzRequest> All(IEnumerable<string> endpoints, Func<string, string> callerOf, Func<string, string> pathOf)
    {
        var odd = 0;
        foreach (var endpoint in endpoints)
        {
            var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var caller = callerOf(endpoint);
            var path = pathOf(endpoint);
            // A URL cannot carry a lone surrogate, and the test server (like Kestrel) refuses a NUL in a path before the app sees it.
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(route, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
                foreach (var (what, text) in Refused.Where(r => !IsSurrogate(r.Text) && !r.Text.Contains('\0')))
                    yield return new(endpoint, method, path.Replace(RealValue(path, name), Uri.EscapeDataString(text)),
                        method == "GET" ? null : Bytes("{}"), method == "GET" ? null : "application/json", caller, $"route {name} = {what}");
            if (method == "GET")
            {
                foreach (var (what, text) in Refused.Where(r => !IsSurrogate(r.Text)))
                    yield return new(endpoint, method, $"{path}?status={Uri.EscapeDataString(text)}&{Uri.EscapeDataString(text)}=1", null, null, caller, $"query = {what}");
                continue;
            }
            var template = templates.GetValueOrDefault(endpoint) ?? new Template("{}");
            var texts = template.Members.Where(m => m.Kind is Kind.Text or Kind.Rationale or Kind.Choice or Kind.Time).ToList();
            foreach (var member in texts)
            {
                foreach (var (what, text) in Refused)
                    yield return new(endpoint, method, path, With(template, member, text, ref odd), "application/json", caller, $"{member.Path} = {what}", member.Path);
                if (member.Limit > 0)
                    foreach (var length in new[] { member.Limit + 1, 900_000 })
                        yield return new(endpoint, method, path, With(template, member, new string('a', length), ref odd), "application/json", caller, $"{member.Path} = {length:N0} characters");
            }
            foreach (var (what, text) in Refused)
                yield return new(endpoint, method, path, Bytes(FuzzRequests.WithMember(template.Json, Marker, 1).Replace(Marker, Escaped(text))), "application/json", caller, $"member name {what}");
        }
    }

    private string RealValue(string path, string name) =>
        routeValues[name].FirstOrDefault(v => path.Contains(v, StringComparison.Ordinal)) ?? throw new InvalidOperationException($"no value of {name} in {path}");

    /// <summary>The body with the member set to the text and every other text member to an odd string.</summary>
    private byte[] With(Template template, Member member, string text, ref int odd)
    {
        var json = FuzzRequests.Set(template.Json, member.Path, JsonValue.Create(Marker));
        foreach (var other in template.Members.Where(m => m.Kind is Kind.Text or Kind.Rationale && m != member && !Encloses(m, member)))
            json = FuzzRequests.Set(json, other.Path, JsonValue.Create(Odd[odd++ % Odd.Length]));
        return Bytes(json.Replace(Marker, Escaped(text)));
    }

    private static bool Encloses(Member outer, Member inner) => inner.Path.StartsWith(outer.Path + ".", StringComparison.Ordinal) || inner.Path.StartsWith(outer.Path + "[", StringComparison.Ordinal);

    private static bool IsSurrogate(string text) => text.Any(char.IsSurrogate);

    /// <summary>
    /// The text as JSON escapes it — done by hand, since the serializer will not write a lone surrogate
    /// (and a client that does is exactly what this is about).
    /// </summary>
    private static string Escaped(string text)
    {
        var json = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '"' or '\\') json.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c)) json.Append($"\\u{(int)c:x4}");
            else json.Append(c);
        }
        return json.ToString();
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
