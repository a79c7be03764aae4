using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ReviewWorkflow.LocalCluster;

/// <summary>Where and how to run a private PostgreSQL cluster.</summary>
/// <param name="DataDirectory">
/// The cluster's data directory. It is initialised (initdb) when it holds no cluster yet. The server
/// log goes next to it, as <c>&lt;DataDirectory&gt;.log</c> (initdb wants an empty directory, and a
/// log outside the cluster survives a wiped cluster).
/// </param>
/// <param name="Throwaway">
/// For tests: the server runs without durability (fsync off) and the directory is deleted on
/// <see cref="LocalPostgres.Stop"/>, or by a watchdog if the process dies without stopping it.
/// </param>
/// <param name="Database">The database the <see cref="LocalPostgres.ConnectionString"/> points at; created when missing.</param>
/// <param name="BinDirectory">Where initdb, pg_ctl and postgres are; found automatically when null.</param>
/// <param name="Supervise">
/// Restart the server, on the same port, when it dies (kill -9, OOM killer) while this instance owns
/// it: the app's connection string stays valid and its pools reconnect.
/// </param>
public sealed record LocalPostgresOptions(
    string DataDirectory,
    bool Throwaway = false,
    string Database = "reviewworkflow",
    string? BinDirectory = null,
    bool Supervise = false);

/// <summary>The local cluster could not be set up; the message says what to install or configure.</summary>
public sealed class LocalPostgresException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);

/// <summary>
/// Starts and stops a private PostgreSQL cluster from the machine's PostgreSQL binaries, listening
/// on a free loopback port, so that the app and its tests need no database server set up by hand.
/// </summary>
/// <remarks>
/// initdb and postgres refuse to run as root. When the process is root, every PostgreSQL command
/// runs as the <c>postgres</c> system user (<c>runuser -u postgres --</c>) and the data directory is
/// handed to that user. If that user cannot reach the requested directory (a repository under
/// /root, say), the cluster lives in <c>/var/tmp/reviewworkflow-&lt;hash of the requested path&gt;/</c>
/// instead, which stays the same from run to run so the data persists; <see cref="DataDirectory"/>
/// says where it went and a warning is logged.
/// The cluster uses trust authentication on 127.0.0.1: it is for development and tests only.
/// The instance that starts the server records its process in <c>&lt;DataDirectory&gt;.owner</c>. A
/// second process on the same directory (an administrative command beside the running app) finds
/// the owner alive and uses its server without ever stopping it; a server whose owner is gone (a
/// killed run) is stopped and started afresh.
/// </remarks>
public sealed class LocalPostgres : IAsyncDisposable, IDisposable
{
    /// <summary>Environment variable naming the directory holding initdb, pg_ctl and postgres.</summary>
    public const string BinDirectoryVariable = "REVIEWWORKFLOW_PG_BIN";

    private const string SystemUser = "postgres";
    private const string Superuser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Traversable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly bool _runAsSystemUser;
    private readonly string? _fallbackRoot;
    private readonly string _socketDirectory;
    private readonly Lock _gate = new();
    private Process? _watchdog;
    private Timer? _supervisor;
    private int _postmasterPid;
    private int _stopped;

    private LocalPostgres(
        LocalPostgresOptions options, ILogger logger, string binDirectory, bool runAsSystemUser,
        string dataDirectory, string? fallbackRoot, string socketDirectory)
    {
        _options = options;
        _logger = logger;
        _binDirectory = binDirectory;
        _runAsSystemUser = runAsSystemUser;
        _fallbackRoot = fallbackRoot;
        _socketDirectory = socketDirectory;
        DataDirectory = dataDirectory;
        LogFile = LogFileFor(dataDirectory);
    }

    /// <summary><c>Host=127.0.0.1;Port=…;Username=postgres;Database=…</c> for <see cref="LocalPostgresOptions.Database"/>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The data directory actually used (differs from the requested one after a fallback).</summary>
    public string DataDirectory { get; }

    /// <summary>The server's log file.</summary>
    public string LogFile { get; }

    /// <summary>Whether <c>CREATE EXTENSION postgis</c> would succeed (the extension is installed, not created).</summary>
    public bool PostGisAvailable { get; private set; }

    /// <summary>
    /// False when another live process started the server and this instance only connects to it;
    /// <see cref="Stop"/> then leaves the server alone.
    /// </summary>
    public bool OwnsServer { get; private set; }

    /// <summary>How many times a supervised server was restarted after it died.</summary>
    public int Restarts { get; private set; }

    /// <summary>A connection string to another database of this cluster (which must exist).</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// Initialises the cluster if needed, starts it and creates the database if missing.
    /// Synchronous because it runs before the host is built.
    /// </summary>
    /// <exception cref="LocalPostgresException">PostgreSQL is not installed or could not start; the message says why.</exception>
    public static LocalPostgres Start(LocalPostgresOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Database);
        logger ??= NullLogger.Instance;
        if (OperatingSystem.IsWindows())
        {
            throw new LocalPostgresException(
                "The local PostgreSQL cluster is supported on Linux and macOS only; set ConnectionStrings:Default to use an existing PostgreSQL server.");
        }

        var binDirectory = FindBinDirectory(options.BinDirectory);
        var runAsSystemUser = IsRoot();
        if (runAsSystemUser)
        {
            EnsureSystemUserExists();
        }

        var requested = Path.GetFullPath(options.DataDirectory);
        var (dataDirectory, fallbackRoot) = PrepareDataDirectory(requested, runAsSystemUser, options.Throwaway, logger);
        var socketDirectory = CreateSocketDirectory(runAsSystemUser);
        var server = new LocalPostgres(options, logger, binDirectory, runAsSystemUser, dataDirectory, fallbackRoot, socketDirectory);
        try
        {
            server.InitialiseIfNeeded();
            if (!server.TryAttachToOwnersServer())
            {
                server.StopLeftoverServer();
                server.Launch(port: null);
                server.OwnsServer = true;
                server.WriteOwnerFile();
            }

            server.PrepareDatabase();
        }
        catch
        {
            server.Stop();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        if (options.Supervise && server.OwnsServer)
        {
            server._supervisor = new Timer(_ => server.RestartIfDead(), null, SupervisionInterval, SupervisionInterval);
        }

        return server;
    }

    /// <summary>Stops the server (fast shutdown); a throwaway cluster's directory is deleted too. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _supervisor?.Dispose();
        using var _ = _gate.EnterScope(); // waits for a restart in progress
        if (!OwnsServer)
        {
            TryDelete(_socketDirectory); // the server and its files belong to the process that started it
            return;
        }

        var takenOver = false;
        try
        {
            takenOver = _postmasterPid > 0 && ReadPostmasterPid() is var pid && pid > 0 && pid != _postmasterPid;
            if (ServerIsOurs())
            {
                // Fast: disconnects clients and shuts down cleanly, without waiting for pools to close.
                var (code, output) = PgCtl("stop", "-m", "fast", "-w", "-t", "60");
                if (code != 0)
                {
                    _logger.LogWarning("pg_ctl stop failed ({ExitCode}): {Output}; stopping immediately", code, output);
                    PgCtl("stop", "-m", "immediate", "-w", "-t", "30");
                }
                else
                {
                    _logger.LogInformation("PostgreSQL on port {Port} stopped", Port);
                }

                TryDelete(OwnerFile);
            }
        }
        finally
        {
            StopWatchdog();
            TryDelete(_socketDirectory);
            if (takenOver)
            {
                _logger.LogWarning("Another server now runs on {DataDirectory}; leaving it and its files alone", DataDirectory);
            }
            else if (_options.Throwaway)
            {
                TryDelete(DataDirectory);
                TryDelete(LogFile);
                if (_fallbackRoot is not null)
                {
                    TryDelete(_fallbackRoot);
                }
            }
        }
    }

    public void Dispose() => Stop();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    // A safety net: if the owner forgets to dispose (or the host is torn down by SIGTERM before it
    // gets to it), the server still stops instead of outliving the process.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            Stop();
        }
        catch (Exception)
        {
            // The process is exiting and its logging may already be gone; an exception here would
            // only turn a clean exit into a crash. A throwaway cluster's watchdog still cleans up.
        }
    }

    // ---------------------------------------------------------------- binaries

    private static string FindBinDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServerBinaries(configured)
                ? Path.GetFullPath(configured)
                : throw NotInstalled($"LocalPostgresOptions.BinDirectory '{configured}' does not contain initdb, pg_ctl and postgres.");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return HasServerBinaries(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw NotInstalled($"{BinDirectoryVariable}='{fromEnvironment}' does not contain initdb, pg_ctl and postgres.");
        }

        // Debian/Ubuntu keep server binaries off PATH, one directory per major version.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
                .Where(c => c.Version is not null && HasServerBinaries(c.Dir))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (!File.Exists(pgCtl))
            {
                continue;
            }

            // PATH often holds symlinks to the real bin directory; postgres must come from the same one.
            var target = new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl;
            var realDir = Path.GetDirectoryName(target)!;
            if (HasServerBinaries(realDir))
            {
                return realDir;
            }
        }

        throw NotInstalled("No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found in /usr/lib/postgresql/*/bin or on PATH.");
    }

    private static LocalPostgresException NotInstalled(string what) => new(
        $"{what} Install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql-15`, or your distribution's `postgresql` package; " +
        $"./scripts/prerequisites.sh does it), or set {BinDirectoryVariable} to the directory holding its binaries, " +
        "or set ConnectionStrings:Default to use an existing PostgreSQL server instead of a local cluster.");

    private static bool HasServerBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.') ? name : name + ".0", out var version) ? version : null;

    // ---------------------------------------------------------------- users and directories

    private static bool IsRoot()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        // Environment.UserName comes from the passwd entry, which a container may lack.
        try
        {
            return Run("id", ["-u"]).Output.Trim() == "0";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or LocalPostgresException)
        {
            return false;
        }
    }

    private static void EnsureSystemUserExists()
    {
        if (Run("id", ["-u", SystemUser]).ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"This process runs as root, which PostgreSQL refuses, and there is no '{SystemUser}' user to run it as. " +
                $"Install PostgreSQL from the distribution's packages (`apt-get install postgresql-15` creates that user), " +
                "run as an ordinary user, or set ConnectionStrings:Default to use an existing PostgreSQL server.");
        }
    }

    /// <summary>Creates the data directory and, as root, hands it to the postgres user; falls back when that user cannot reach it.</summary>
    [UnsupportedOSPlatform("windows")]
    private static (string DataDirectory, string? FallbackRoot) PrepareDataDirectory(
        string requested, bool runAsSystemUser, bool throwaway, ILogger logger)
    {
        if (!runAsSystemUser)
        {
            CreateOwnedDirectory(requested, runAsSystemUser: false);
            return (requested, null);
        }

        if (SystemUserCanReach(NearestExistingAncestor(Path.GetDirectoryName(requested) ?? "/")) && TryCreateReachable(requested))
        {
            return (requested, null);
        }

        // The same requested path always maps to the same fallback, so a persistent cluster keeps its data.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested)))[..12];
        var fallbackRoot = $"/var/tmp/reviewworkflow-{hash}";
        var fallback = Path.Combine(fallbackRoot, Path.GetFileName(requested.TrimEnd('/')) is { Length: > 0 } name ? name : "postgres");
        logger.LogWarning(
            "The '{User}' user cannot reach {Requested} (a parent directory is closed to it), so the PostgreSQL cluster lives in {Fallback} instead",
            SystemUser, requested, fallback);
        Directory.CreateDirectory(fallbackRoot);
        File.SetUnixFileMode(fallbackRoot, Traversable);
        if (!TryCreateReachable(fallback))
        {
            throw new LocalPostgresException(
                $"The '{SystemUser}' user can reach neither {requested} nor {fallback}; choose a data directory it can reach, or set ConnectionStrings:Default.");
        }

        return (fallback, throwaway ? fallbackRoot : null);
    }

    [UnsupportedOSPlatform("windows")]
    private static bool TryCreateReachable(string dataDirectory)
    {
        var existed = Directory.Exists(dataDirectory);
        CreateOwnedDirectory(dataDirectory, runAsSystemUser: true);
        // A umask of 077 can leave the parents just created closed to the postgres user: check the result.
        if (Run("runuser", ["-u", SystemUser, "--", "test", "-w", dataDirectory, "-a", "-x", dataDirectory]).ExitCode == 0)
        {
            return true;
        }

        if (!existed)
        {
            TryDelete(dataDirectory);
        }

        return false;
    }

    [UnsupportedOSPlatform("windows")]
    private static void CreateOwnedDirectory(string dataDirectory, bool runAsSystemUser)
    {
        Directory.CreateDirectory(dataDirectory);
        var logFile = LogFileFor(dataDirectory);
        if (!File.Exists(logFile))
        {
            File.WriteAllBytes(logFile, []);
        }

        if (runAsSystemUser)
        {
            // The server must own its whole directory; a cluster made by another user (or a directory
            // made just now by root) is handed over. Skipped when already right: chown -R walks every file.
            if (!IsOwnedBySystemUser(dataDirectory))
            {
                RunChecked("chown", ["-R", $"{SystemUser}:", dataDirectory]);
            }

            RunChecked("chown", [$"{SystemUser}:", logFile]);
        }

        // initdb and postgres refuse a data directory that others can read.
        File.SetUnixFileMode(dataDirectory, OwnerOnly);
    }

    private static bool IsOwnedBySystemUser(string path) =>
        Run("stat", ["-c", "%U", path]).Output.Trim() == SystemUser;

    private static bool SystemUserCanReach(string directory) =>
        Run("runuser", ["-u", SystemUser, "--", "test", "-x", directory]).ExitCode == 0;

    private static string NearestExistingAncestor(string path)
    {
        var dir = path;
        while (!Directory.Exists(dir))
        {
            dir = Path.GetDirectoryName(dir) ?? "/";
        }

        return dir;
    }

    private static string LogFileFor(string dataDirectory) => dataDirectory.TrimEnd('/') + ".log";

    // The socket goes in a short directory under /tmp: a Unix socket path is limited to 107 bytes,
    // which a data directory deep in a repository can exceed.
    [UnsupportedOSPlatform("windows")]
    private static string CreateSocketDirectory(bool runAsSystemUser)
    {
        for (var attempt = 0; ; attempt++)
        {
            var dir = "/tmp/rwpg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
            if (Directory.Exists(dir) && attempt < 5)
            {
                continue;
            }

            Directory.CreateDirectory(dir, OwnerOnly);
            if (runAsSystemUser)
            {
                RunChecked("chown", [$"{SystemUser}:", dir]);
            }

            return dir;
        }
    }

    // ---------------------------------------------------------------- server life cycle

    private void InitialiseIfNeeded()
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        if (Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            if (!_options.Throwaway)
            {
                throw new LocalPostgresException(
                    $"{DataDirectory} is not empty but holds no PostgreSQL cluster (no PG_VERSION), perhaps from an interrupted first start. " +
                    "Delete it (the app creates a new cluster) or choose another data directory.");
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(DataDirectory))
            {
                TryDelete(entry);
            }
        }

        List<string> args = ["-D", DataDirectory, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "-U", Superuser];
        if (_options.Throwaway)
        {
            args.Add("--no-sync");
        }

        _logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", DataDirectory);
        var (code, output) = RunPostgresTool("initdb", args);
        if (code != 0)
        {
            throw new LocalPostgresException($"initdb failed for {DataDirectory} (exit {code}): {output}");
        }
    }

    // A run that was killed (SIGKILL, power loss) leaves postmaster.pid behind, and possibly a
    // server still running on an old port. Stop such a server so this run owns the cluster;
    // remove the file when its process is gone.
    private void StopLeftoverServer()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var pid = ReadPostmasterPid();
        var (status, _) = PgCtl("status");
        if (status == 0 && pid > 0 && IsPostgresProcess(pid))
        {
            _logger.LogWarning("A PostgreSQL server (pid {Pid}) left by an earlier run is still using {DataDirectory}; stopping it", pid, DataDirectory);
            var (code, output) = PgCtl("stop", "-m", "fast", "-w", "-t", "60");
            if (code != 0)
            {
                throw new LocalPostgresException(
                    $"A PostgreSQL server (pid {pid}) is already using {DataDirectory} and could not be stopped: {output}. Stop it, then start again.");
            }

            return;
        }

        _logger.LogInformation("Removing the stale {PidFile} of a PostgreSQL server that is no longer running", pidFile);
        TryDelete(pidFile);
    }

    /// <param name="port">The port to listen on (a restart keeps the old one); a free one when null.</param>
    private void Launch(int? port)
    {
        List<string> settings = ["-c listen_addresses=127.0.0.1"];
        if (_options.Throwaway)
        {
            // Test data need not survive a crash; these make initdb-to-ready and each commit much faster.
            // More connections: parallel test hosts each keep their own pools and Hangfire workers.
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300"]);
        }

        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            // Between releasing the port and the server binding it another process may take it: retry.
            var listenPort = port ?? FreeLoopbackPort();
            var logOffset = new FileInfo(LogFile).Length;
            var serverOptions = $"-p {listenPort} -k {_socketDirectory} {string.Join(' ', settings)}";
            var (code, output) = PgCtl("start", "-w", "-t", "60", "-l", LogFile, "-o", serverOptions);
            if (code == 0)
            {
                UsePort(listenPort);
                _postmasterPid = ReadPostmasterPid();
                _logger.LogInformation("PostgreSQL started on 127.0.0.1:{Port} from {DataDirectory}", listenPort, DataDirectory);
                if (_options.Throwaway && _watchdog is null)
                {
                    StartWatchdog();
                }

                return;
            }

            var log = ReadLogFrom(logOffset);
            if (attempt < attempts && port is null && log.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // After a killed postmaster its children take a moment to notice and detach from the old
            // shared memory; until then a new server refuses to start.
            if (attempt < attempts && log.Contains("is still in use", StringComparison.OrdinalIgnoreCase))
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
                continue;
            }

            throw new LocalPostgresException(
                $"PostgreSQL did not start from {DataDirectory} (pg_ctl exit {code}): {output}{Environment.NewLine}Server log {LogFile}:{Environment.NewLine}{log}");
        }
    }

    private void UsePort(int port)
    {
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Database = _options.Database,
        }.ConnectionString;
    }

    // ---------------------------------------------------------------- owner and supervision

    private static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(1);

    private string OwnerFile => DataDirectory.TrimEnd('/') + ".owner";

    private void WriteOwnerFile() =>
        File.WriteAllText(OwnerFile, $"{Environment.ProcessId} {ProcessStartTime(Environment.ProcessId)}\n");

    /// <summary>
    /// When a live process other than this one started the server now running on the directory,
    /// connect to that server (the port from its postmaster.pid) instead of taking it over.
    /// </summary>
    private bool TryAttachToOwnersServer()
    {
        var owner = ReadOwner();
        if (owner is not { } pid || pid == Environment.ProcessId || !ProcessIsAlive(pid))
        {
            return false;
        }

        var lines = ReadPostmasterLines();
        // Lines of postmaster.pid: pid, data directory, start time, port, socket directory, address, shared memory key, status.
        if (lines.Length < 8 || !int.TryParse(lines[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var postmaster)
            || !IsPostgresProcess(postmaster) || !int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            || lines[7].Trim() != "ready")
        {
            return false;
        }

        UsePort(port);
        _logger.LogInformation(
            "Using the PostgreSQL server on 127.0.0.1:{Port} that process {Owner} started on {DataDirectory}; it is left running",
            port, pid, DataDirectory);
        return true;
    }

    private int? ReadOwner()
    {
        try
        {
            var words = File.ReadAllText(OwnerFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // The start time tells a live owner from an unrelated process that got its pid later.
            return words.Length == 2 && int.TryParse(words[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                && ProcessStartTime(pid) == words[1] ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Field 22 of /proc/PID/stat, the start time in clock ticks since boot; "" where there is no /proc.
    private static string ProcessStartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[19];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return "";
        }
    }

    // A killed process nobody has reaped yet is a zombie: gone for our purposes.
    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private void RestartIfDead()
    {
        if (!_gate.TryEnter())
        {
            return; // a restart (or Stop) is in progress
        }

        try
        {
            if (Volatile.Read(ref _stopped) == 1 || (ProcessIsAlive(_postmasterPid) && IsPostgresProcess(_postmasterPid)))
            {
                return;
            }

            _logger.LogWarning("PostgreSQL (pid {Pid}) on port {Port} is gone; restarting it on the same port", _postmasterPid, Port);
            Launch(Port);
            WriteOwnerFile();
            Restarts++;
            // Pooled connections to the dead server are broken: new ones, rather than one failed request each.
            NpgsqlConnection.ClearAllPools();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Restarting PostgreSQL on port {Port} failed; trying again in {Interval}", Port, SupervisionInterval);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void PrepareDatabase()
    {
        // Not pooled: this connection is used once, and a pool would outlive the server.
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        using var connection = new NpgsqlConnection(admin);
        connection.Open();

        using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", _options.Database);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(_options.Database)}", connection);
                create.ExecuteNonQuery();
            }
        }

        // Asking the server is exact: it knows its own share directory.
        using var postgis = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')", connection);
        PostGisAvailable = postgis.ExecuteScalar() is true;
    }

    /// <summary>Quotes a PostgreSQL identifier (database, schema, role name).</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Stop only the server this instance started: after a crash another instance may have taken
    // over the directory, and stopping that one would pull the database from under it.
    private bool ServerIsOurs() =>
        _postmasterPid > 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) && ReadPostmasterPid() == _postmasterPid;

    // A throwaway cluster must not outlive its process even when that process is killed and no
    // Stop runs (a test run interrupted with Ctrl-C): a small shell waits for the process to end,
    // then stops the server and deletes the files. It ignores the signals that end the test run.
    private void StartWatchdog()
    {
        const string script = """
            trap '' INT TERM HUP
            exec </dev/null >/dev/null 2>&1
            owner=$1 data=$2 log=$3 sock=$4 root=$5
            shift 5
            tail --pid="$owner" -f /dev/null || while kill -0 "$owner"; do sleep 1; done
            if [ -f "$data/postmaster.pid" ]; then "$@" -D "$data" -m immediate -w -t 30 stop; fi
            rm -rf -- "$data" "$log" "$sock"
            if [ -n "$root" ]; then rm -rf -- "$root"; fi
            """;
        var psi = NewStartInfo("/bin/sh");
        foreach (var arg in (string[])["-c", script, "reviewworkflow-pg-watchdog",
                     Environment.ProcessId.ToString(CultureInfo.InvariantCulture), DataDirectory, LogFile, _socketDirectory, _fallbackRoot ?? ""])
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var word in CommandFor(Path.Combine(_binDirectory, "pg_ctl")))
        {
            psi.ArgumentList.Add(word);
        }

        try
        {
            _watchdog = Process.Start(psi);
            _watchdog?.StandardInput.Close();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _logger.LogWarning(e, "Could not start the watchdog of the throwaway cluster in {DataDirectory}", DataDirectory);
        }
    }

    private void StopWatchdog()
    {
        if (_watchdog is null)
        {
            return;
        }

        try
        {
            if (!_watchdog.HasExited)
            {
                _watchdog.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _watchdog.Dispose();
        _watchdog = null;
    }

    private int ReadPostmasterPid() =>
        ReadPostmasterLines() is [var first, ..] && int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : 0;

    private string[] ReadPostmasterLines()
    {
        try
        {
            return File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
        }
        catch (IOException)
        {
            return [];
        }
    }

    // pg_ctl status only asks whether some process has that pid; after a reboot the pid may belong
    // to something else. /proc tells whether it is a postgres (where there is no /proc, trust pg_ctl).
    private static bool IsPostgresProcess(int pid)
    {
        if (!Directory.Exists("/proc/self"))
        {
            return true;
        }

        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string ReadLogFrom(long offset)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            var text = new StreamReader(stream).ReadToEnd();
            return text.Length > 4000 ? text[^4000..] : text;
        }
        catch (IOException e)
        {
            return $"(could not read the log: {e.Message})";
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    // ---------------------------------------------------------------- processes

    private (int ExitCode, string Output) PgCtl(params string[] args) =>
        RunPostgresTool("pg_ctl", ["-D", DataDirectory, .. args]);

    private (int ExitCode, string Output) RunPostgresTool(string tool, IEnumerable<string> args)
    {
        var command = CommandFor(Path.Combine(_binDirectory, tool));
        return Run(command[0], [.. command.Skip(1), .. args]);
    }

    private string[] CommandFor(string executable) =>
        _runAsSystemUser ? ["runuser", "-u", SystemUser, "--", executable] : [executable];

    private static void RunChecked(string file, IEnumerable<string> args)
    {
        var (code, output) = Run(file, args);
        if (code != 0)
        {
            throw new LocalPostgresException($"`{file} {string.Join(' ', args)}` failed (exit {code}): {output}");
        }
    }

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> args)
    {
        var psi = NewStartInfo(file);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new LocalPostgresException($"Could not start {file}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresException($"`{file} {string.Join(' ', psi.ArgumentList)}` did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }

    private static ProcessStartInfo NewStartInfo(string file) => new(file)
    {
        UseShellExecute = false,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        // initdb and postgres resolve their own path from the working directory and fail when the
        // postgres user cannot enter it (a repository under /root).
        WorkingDirectory = "/",
    };

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: leftovers in a temporary directory are harmless.
        }
    }
}
