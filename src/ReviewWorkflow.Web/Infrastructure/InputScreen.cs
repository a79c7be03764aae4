using System.Text.Json;

namespace ReviewWorkflow.Web.Infrastructure;

/// <summary>
/// Refuses, before any endpoint or page sees it, text that no field may hold — control characters
/// other than tab and line breaks, and lone surrogates (<see cref="PlainText"/>) — wherever it
/// comes: route values, query strings, form fields, and every string and member name of a JSON
/// body; and a JSON object that names a member twice (which one would count?). One place for every
/// endpoint, so a new one cannot forget it: PostgreSQL refuses a NUL with an error, and a NUL
/// reaching it used to be a 500.
/// </summary>
public sealed class InputScreen(RequestDelegate next, IProblemDetailsService problems)
{
    private static readonly JsonReaderOptions Reader = new() { MaxDepth = 64 };

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executes a failed request (a form too large to read, say): screening it
        // again would fail the same way and leave the visitor an empty answer.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        var refusal = RouteValues(request) ?? Query(request);
        if (refusal is null && request.HasJsonContentType()) refusal = await JsonBodyAsync(request);
        // The API takes JSON only (a form there is refused as such by the endpoint); pages take forms.
        else if (refusal is null && request.HasFormContentType && !Ui.UiSetup.IsApi(request)) refusal = await FormAsync(request);
        if (refusal is not { } found)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request holds text that cannot be accepted",
            Detail = $"{found.Field}: {found.Message}",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [found.Field] = [found.Message] } },
        };
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private sealed record Refusal(string Field, string Message);

    private static Refusal? Check(string field, string? text) =>
        text is not null && PlainText.Refusal(text) is { } message ? new Refusal(field, message) : null;

    private static Refusal? RouteValues(HttpRequest request)
    {
        foreach (var (name, value) in request.RouteValues)
            if (Check(name, value as string) is { } refused) return refused;
        return Check("path", request.Path.Value);
    }

    private static Refusal? Query(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (Check("query", name) is { } badName) return badName;
            foreach (var value in values)
                if (Check(name, value) is { } refused) return refused;
        }
        return null;
    }

    private static async Task<Refusal?> FormAsync(HttpRequest request)
    {
        IFormCollection form;
        request.EnableBuffering();
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            // The form reader refuses control characters itself, without saying where: find the field.
            return await UrlEncodedFieldAsync(request) ?? new Refusal("form", "cannot be read: " + e.Message);
        }
        catch (IOException e) when (e is not BadHttpRequestException) // a broken multipart body; too large stays 413
        {
            return new Refusal("form", "cannot be read: " + e.Message);
        }
        foreach (var (name, values) in form)
        {
            if (Check("form", name) is { } badName) return badName;
            foreach (var value in values)
                if (Check(name, value) is { } refused) return refused;
        }
        return null;
    }

    private static async Task<Refusal?> UrlEncodedFieldAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        foreach (var pair in body.Split('&'))
        {
            var (name, value) = pair.Split('=', 2) is [var n, var v] ? (n, v) : (pair, "");
            string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
            if (Check("form", Decode(name)) is { } badName) return badName;
            if (Check(Decode(name), Decode(value)) is { } refused) return refused;
        }
        return null;
    }

    /// <summary>
    /// Reads the body once more from a buffer; a body that is not JSON at all is left to the
    /// endpoint, which says so with its usual problem.
    /// </summary>
    private static async Task<Refusal?> JsonBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        try
        {
            return Scan(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every string and member name, with the path of the member it belongs to (<c>persons[0].name</c>).</summary>
    private static Refusal? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Reader);
        var frames = new Stack<Frame>();
        while (reader.Read())
        {
            var frame = frames.Count > 0 ? frames.Peek() : null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    frame!.Member = null;
                    var name = Decode(ref reader);
                    if (name is null) return new Refusal(Field(frames, "(a member name)"), "must not contain a lone surrogate; send valid Unicode");
                    if (PlainText.Refusal(name) is { } badName) return new Refusal(Field(frames, "(a member name)"), badName);
                    frame.Member = name;
                    if (!frame.Seen.Add(name)) return new Refusal(Field(frames, null), "is given more than once");
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    frames.Push(new Frame(reader.TokenType == JsonTokenType.StartArray));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                case JsonTokenType.String:
                    var field = Field(frames, null);
                    if (Decode(ref reader) is not { } text) return new Refusal(field, "must not contain a lone surrogate; send valid Unicode");
                    if (Check(field, text) is { } refused) return refused;
                    break;
            }
            // A value ended: the enclosing array moves on to its next index.
            if (frames.Count > 0 && frames.Peek().IsArray) frames.Peek().Index++;
        }
        return null;
    }

    private static string? Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string? Member { get; set; }
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }

    private static string Field(Stack<Frame> frames, string? last)
    {
        var path = "";
        foreach (var frame in frames.Reverse())
            path += frame.IsArray ? $"[{frame.Index}]" : frame.Member is null ? "" : (path.Length == 0 ? "" : ".") + frame.Member;
        if (last is not null) path += (path.Length == 0 ? "" : ".") + last;
        return path.Length == 0 ? "body" : path;
    }
}
