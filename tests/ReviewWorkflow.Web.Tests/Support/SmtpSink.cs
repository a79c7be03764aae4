using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using ServerResponse = SmtpServer.Protocol.SmtpResponse; // MailKit has an SmtpResponse too

namespace ReviewWorkflow.Web.Tests.Support;

/// <summary>One email as the SMTP server received it.</summary>
public sealed record ReceivedMail(string MessageId, IReadOnlyList<string> To, string Subject, string Text, string Html, string Raw)
{
    public DateTime ReceivedAt { get; init; } = DateTime.UtcNow;

    /// <summary>The outbox messages the email carries: several for a digest of escalations (its X-ReviewWorkflow-Items header), else its own.</summary>
    public IReadOnlyList<string> Items { get; init; } = [MessageId];
}

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), recording what it accepts.
/// It can be stopped and started again on the same port (an outage), and told to refuse
/// recipients with a 4xx or 5xx reply.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly object _signalLock = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpSink(int? port = null) => Port = port ?? FreePort();

    public int Port { get; }

    /// <summary>Reply code to refuse a recipient with (e.g. 451, 550), or null to accept. Read for every RCPT TO.</summary>
    public Func<string, int?> Refuse { get; set; } = _ => null;

    /// <summary>
    /// How long the server takes to answer each RCPT TO, as a slow server would: a client killed
    /// meanwhile has not handed the message over. Lets a test kill the app in the middle of delivery.
    /// </summary>
    public TimeSpan SlowRecipients { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<ReceivedMail> Received => _received.ToList();

    public bool IsRunning => _running is { IsCompleted: false };

    public static SmtpSink Started(int? port = null)
    {
        var sink = new SmtpSink(port);
        sink.Start();
        return sink;
    }

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        WaitUntilListening();
    }

    /// <summary>Closes the port: connections are refused until <see cref="Start"/>.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _running is null) return;
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // How the server reports a requested stop.
        }
        _stop.Dispose();
        _stop = null;
        _running = null;
    }

    /// <summary>Waits until what was received satisfies <paramref name="condition"/>, woken by each arrival.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedMail>, bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            lock (_signalLock) signal = _signal.Task;
            if (condition(Received)) return;
            try
            {
                await signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}; received {_received.Count} message(s)");
            }
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private void Add(ReceivedMail mail)
    {
        _received.Enqueue(mail);
        TaskCompletionSource done;
        lock (_signalLock)
        {
            done = _signal;
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    private void WaitUntilListening()
    {
        // StartAsync binds on a worker; a connection that succeeds proves the port is open.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _running is { IsCompleted: false })
            {
                Thread.Yield();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<ServerResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            using var stream = new MemoryStream(bytes);
            var message = MimeMessage.Load(stream);
            sink.Add(new ReceivedMail(message.MessageId ?? "", transaction.To.Select(t => t.AsAddress()).ToList(), message.Subject ?? "",
                message.TextBody ?? "", message.HtmlBody ?? "", System.Text.Encoding.UTF8.GetString(bytes))
            {
                Items = message.Headers["X-ReviewWorkflow-Items"]?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [message.MessageId ?? ""],
            });
            return Task.FromResult(ServerResponse.Ok);
        }
    }

    private sealed class Filter(SmtpSink sink) : MailboxFilter
    {
        public override async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (sink.SlowRecipients > TimeSpan.Zero) await Task.Delay(sink.SlowRecipients, cancellationToken);
            if (sink.Refuse(to.AsAddress()) is { } code)
                throw new SmtpResponseException(new ServerResponse((SmtpReplyCode)code, $"{to.AsAddress()} refused by the test"));
            return true;
        }
    }
}
