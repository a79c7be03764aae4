using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReviewWorkflow.Web.Tests.Support;

namespace ReviewWorkflow.BrowserTests.Support;

/// <summary>
/// The web tests' application (its own fresh database, fake clock, demo accounts) served by Kestrel
/// on a free loopback port, so a real browser can reach it.
/// </summary>
public sealed class BrowserApp : ReviewApp
{
    public BrowserApp() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the browser goes, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}
