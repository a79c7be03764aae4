using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ReviewWorkflow.Web.Infrastructure;

/// <summary>What became of one message handed to the SMTP server.</summary>
public enum SendOutcome
{
    Accepted,
    /// <summary>A 4xx reply: try again later.</summary>
    Transient,
    /// <summary>A 5xx reply: trying again will not help.</summary>
    Permanent,
    /// <summary>No conversation possible (refused, timed out, TLS or sign-in failed): try again later, and stop this run.</summary>
    Unreachable,
}

/// <summary>
/// One SMTP connection for one delivery run. MailKit's client is not thread-safe and does not
/// retry; this connects lazily, reuses the connection for the batch, classifies failures, and
/// reconnects after any error instead of trusting a connection in an unknown state.
/// </summary>
public sealed class SmtpTransport(EmailOptions options) : IAsyncDisposable
{
    private SmtpClient? _client;

    public async Task<(SendOutcome Outcome, string? Error)> SendAsync(MimeMessage message, CancellationToken ct)
    {
        try
        {
            var client = await ConnectAsync(ct);
            await client.SendAsync(message, ct);
            return (SendOutcome.Accepted, null);
        }
        catch (SmtpCommandException e)
        {
            await DropAsync();
            var code = (int)e.StatusCode;
            var error = $"{code} {e.Message}" + (e.Mailbox is { } m ? $" ({m.Address})" : "");
            return (code >= 500 ? SendOutcome.Permanent : SendOutcome.Transient, error);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
                                      or AuthenticationException or SslHandshakeException or TimeoutException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            await DropAsync();
            return (SendOutcome.Unreachable, $"{options.Host}:{options.Port}: {e.Message}");
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true }) return _client;
        _client?.Dispose();
        _client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await _client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Host is not configured."), options.Port, options.Security, ct);
        // No pipelining: some servers answer pipelined MAIL/RCPT/DATA in separate writes, and with
        // Nagle's algorithm on their side each answer then waits for our delayed acknowledgement
        // (40 ms on Linux) — about 20 messages a second. Command and reply in turn never wait.
        _client.Capabilities &= ~SmtpCapabilities.Pipelining;
        if (!string.IsNullOrEmpty(options.UserName))
            await _client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        return _client;
    }

    private async Task DropAsync()
    {
        if (_client is null) return;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: false);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // The connection is being thrown away; how it ends does not matter.
        }
        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
            {
                // Every message was already settled; a failed QUIT loses nothing.
            }
        }
        _client?.Dispose();
        _client = null;
    }
}
