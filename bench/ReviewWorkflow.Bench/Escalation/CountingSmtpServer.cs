using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using ServerResponse = SmtpServer.Protocol.SmtpResponse; // MailKit has an SmtpResponse too

namespace ReviewWorkflow.Bench.Escalation;

/// <summary>An SMTP server on loopback that accepts everything and counts messages and connections.</summary>
public sealed class CountingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _messages;
    private int _sessions;

    public CountingSmtpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var options = new SmtpServerOptionsBuilder().ServerName("bench.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }
    public int Messages => Volatile.Read(ref _messages);
    public int Sessions => Volatile.Read(ref _sessions);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // A requested stop.
        }
        _stop.Dispose();
    }

    private sealed class Store(CountingSmtpServer server) : MessageStore
    {
        public override Task<ServerResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref server._messages);
            return Task.FromResult(ServerResponse.Ok);
        }
    }
}
