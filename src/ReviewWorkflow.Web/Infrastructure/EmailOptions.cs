using MailKit.Security;

namespace ReviewWorkflow.Web.Infrastructure;

/// <summary>Configuration section <c>Email</c>: the SMTP server mail is handed to (documented in docs-snippets/escalation.md).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Without a host nothing is sent; mail waits in the outbox.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ReviewWorkflow <no-reply@reviewworkflow.local>";
    /// <summary>How long a message is retried after transient failures (4xx, server unreachable) before it is marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Messages sent per delivery run over one connection.</summary>
    public int BatchSize { get; set; } = 500;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
