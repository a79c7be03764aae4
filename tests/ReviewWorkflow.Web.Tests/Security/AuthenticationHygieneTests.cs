using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.Web.Tests.Security;

/// <summary>Passwords, cookies, headers and the repository itself: the defaults an attacker tries first.</summary>
public sealed class AuthenticationHygieneTests(ReviewApp app) : IClassFixture<ReviewApp>
{
    [Theory]
    [InlineData("Sh0rt!x", "at least 8 characters")]
    [InlineData("alllowercase1!", "uppercase")]
    [InlineData("ALLUPPERCASE1!", "lowercase")]
    [InlineData("NoDigitsHere!", "digit")]
    [InlineData("NoSymbols123", "non alphanumeric")]
    public async Task AnAdministratorCannotGiveAnAccountAWeakPasswordAndIsToldWhichRuleItBreaks(string password, string rule)
    {
        var admin = await app.AdminAsync();
        var before = await app.SnapshotAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            email = $"weak.{Guid.NewGuid():N}@police.example", displayName = "Wes Weak", password, role = "officer", team = "east",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty("password").Strings();
        Assert.Contains(messages, m => m.Contains(rule, StringComparison.OrdinalIgnoreCase));
        await app.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task SessionAndAntiforgeryCookiesAreSecureHttpOnlyAndSameSite()
    {
        // Over HTTPS, as deployed behind TLS: the cookies' Secure flag follows the request.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var form = await client.GetAsync("/sign-in");
        var antiforgery = CookieNamed(form, "rw.antiforgery");
        var html = await form.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

        var signedIn = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "officer@demo.local", ["Password"] = ReviewApp.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = CookieNamed(signedIn, "rw.session");

        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("(?i); samesite=(lax|strict)", cookie);
        }
        // The anti-forgery cookie is never needed on a cross-site request.
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/sign-in", null)]
    [InlineData("/cases", "officer@demo.local")]
    [InlineData("/no-such-page", "officer@demo.local")]
    [InlineData("/api/cases", "officer@demo.local")]
    [InlineData("/api/cases", null)]
    [InlineData("/api/no-such-endpoint", "officer@demo.local")]
    public async Task PagesAndApiAnswersCarryTheSecurityHeaders(string path, string? email)
    {
        var client = email is null ? PageSession.Anonymous(app)
            : path.StartsWith("/api") ? await app.ClientForAsync(email) : await PageSession.SignedInAsync(app, email);

        var response = await client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        var scripts = Regex.Match(csp, "script-src ([^;]*)").Groups[1].Value;
        Assert.NotEqual("", scripts);
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    /// <summary>
    /// Tracked files hold no credentials: no private keys, no cloud keys, no connection string with a
    /// literal password, and the compose file takes its passwords from the environment. The demo
    /// password in seeds/users.json is public on purpose and only works where demo data is on.
    /// </summary>
    [Fact]
    public void TheRepositoryHoldsNoSecrets()
    {
        var root = Path.GetDirectoryName(ReviewWorkflow.Web.RepositoryFolders.Find("seeds")
            ?? throw new InvalidOperationException("no seeds/ folder above the tests"))!;
        var files = TrackedFiles(root);
        Assert.NotEmpty(files);
        var rules = new (string Name, Regex Pattern)[]
        {
            ("private key", new Regex("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
            ("AWS key", new Regex("AKIA[0-9A-Z]{16}")),
            ("GitHub token", new Regex("gh[pousr]_[A-Za-z0-9]{36}")),
            ("Slack token", new Regex("xox[baprs]-[A-Za-z0-9-]{10,}")),
            ("literal password in a connection string", new Regex(@"(?i)(?<![A-Za-z])(password|pwd)=(?!\$\{|\{)[^;""'\s<>]{3,}")),
            ("literal password setting", new Regex(@"(?i)(POSTGRES_PASSWORD|ADMIN_PASSWORD|SMTP_PASSWORD)\s*[:=]\s*(?!\$\{)[""']?[A-Za-z0-9!@#%^&*]{4,}")),
        };
        // Each rule catches what it is for (so an empty result means something).
        string[] samples = ["-----BEGIN RSA PRIVATE KEY-----", "AKIAABCDEFGHIJKLMNOP", "ghp_" + new string('a', 36), "xoxb-1234567890-abc",
            "Host=db;Password=hunter22;", "POSTGRES_PASSWORD: s3cretpw"];
        Assert.All(rules.Zip(samples), r => Assert.Matches(r.First.Pattern, r.Second));
        var findings = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 2_000_000 || IsTest(file)) continue;
            var text = File.ReadAllText(path);
            if (text.Contains('\0')) continue; // binary
            foreach (var (name, pattern) in rules)
                foreach (Match m in pattern.Matches(text))
                    findings.Add($"{file}: {name}: {m.Value}");
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));

        var compose = File.ReadAllText(Path.Combine(root, "docker-compose.yml"));
        Assert.Matches(@"POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?", compose);
        Assert.Contains("Password=${POSTGRES_PASSWORD", compose);
        Assert.Contains(".env", File.ReadAllText(Path.Combine(root, ".gitignore")));
    }

    // Test code spells out what it looks for (these patterns among them).
    private static bool IsTest(string file) => file.StartsWith("tests/", StringComparison.Ordinal);

    /// <summary>What git tracks; outside a checkout (a copy of the tracked files), every file but build output.</summary>
    private static List<string> TrackedFiles(string root)
    {
        var start = new ProcessStartInfo("git", "ls-files") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode == 0) return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        string[] skipped = ["bin", "obj", ".git", ".data", "TestResults", "node_modules"];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(skipped.Contains)).ToList();
    }

    private static string CookieNamed(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=")) is { } cookie
            ? cookie : throw new Xunit.Sdk.XunitException($"no {name} cookie set");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header on {response.RequestMessage?.RequestUri}");
}
