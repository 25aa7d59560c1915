using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Sesame.Testing;

/// <summary>
/// The real server (Program) on a real database (SQLite file, or a fresh PostgreSQL database when the test
/// command says so), sending mail to the test command's real SMTP server, with a fake clock that tests
/// move forward. <see cref="RealPort"/> serves it on a Kestrel port for the browser.
/// </summary>
public class SesameHost : WebApplicationFactory<Program>
{
    private readonly string _databaseName = $"sesame_test_{Guid.NewGuid():N}";
    private readonly string _sqliteFile;

    public SesameHost()
    {
        _sqliteFile = Path.Combine(Path.GetTempPath(), $"{_databaseName}.db");
    }

    /// <summary>
    /// The in-memory host's clock: starts at a fixed instant, so runs are repeatable; tests move it forward.
    /// A host on a real port uses the system clock.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));

    /// <summary>Serve on a real port (for chromium) instead of the in-memory test server.</summary>
    protected virtual bool RealPort => false;

    /// <summary>The host's key of the pseudonymous values' hashes in the logs, so tests can compute what a value becomes.</summary>
    public string LogRedactionKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Captured log lines, to check that nothing personal reaches the logs.</summary>
    public LogCapture Logs { get; } = new();

    public string ConnectionString => TestEnvironment.UsePostgres
        ? new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresServer) { Database = _databaseName, Pooling = true }.ConnectionString
        : $"Data Source={_sqliteFile}";

    /// <summary>The address of the real Kestrel port when <see cref="RealPort"/> is on.</summary>
    public Uri RootUri { get; private set; } = new("https://localhost");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestEnvironment.UsePostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Secrets:CodeHashKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Secrets:IdentificationCodeKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Secrets:AuditKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Secrets:LogRedactionKey", LogRedactionKey);
        builder.UseSetting("Secrets:PersonalDataKeys:0", "1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Proofing:AcceptSyntheticSin", "true");
        foreach (var (key, value) in RegistrySimulatorServer.Shared.SesameSettings())
        {
            builder.UseSetting(key, value);
        }

        foreach (var registry in new[] { "RevenuQuebec", "Ramq", "Saaq" })
        {
            // Short waits, so that a registry made slow or down costs the suite seconds, not minutes.
            builder.UseSetting($"Registries:{registry}:AttemptTimeout", "00:00:01");
            builder.UseSetting($"Registries:{registry}:TotalTimeout", "00:00:02");
        }

        builder.UseSetting("Oidc:EphemeralKeys", "true");
        builder.UseSetting("Mail:SmtpHost", TestEnvironment.SmtpHost);
        builder.UseSetting("Mail:SmtpPort", TestEnvironment.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:SmtpSecurity", "None");
        builder.UseSetting("Mail:PollInterval", "00:00:00.200");
        builder.UseSetting("Mail:FirstBackoff", "00:00:01");
        builder.UseSetting("Sesame:LocalHttp", RealPort ? "true" : "false");
        // A MaxMind-format city database of two synthetic networks: the random client addresses of other tests
        // fall outside them, so only tests that sign in from those networks are located.
        var cities = Path.Combine(Path.GetTempPath(), $"{_databaseName}-cities.mmdb");
        CityDatabase.Write(cities);
        builder.UseSetting("Location:DatabasePath", cities);
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.UseStaticWebAssets();
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            // A real port serves real clients (chromium, openid-client, the sample service) that check token
            // times against the real clock, so only the in-memory host runs on the fake one.
            if (!RealPort)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }

            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
        });
    }

    /// <summary>Builds and starts the host; on a real port, records its address.</summary>
    public void Start()
    {
        if (RealPort)
        {
            // Kestrel's own listen options, not UseKestrel(port): that overload rewrites the server's addresses after
            // the host is built, racing Kestrel's bind (dotnet/aspnetcore#67714; seen once in a browser run).
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            // Passkeys and Secure cookies want a host name, not an IP (stack-notes pitfalls 5 and 6).
            RootUri = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal));
        }
        else
        {
            _ = Server;
        }
    }

    /// <summary>A browser-like client with its own cookies and its own client address (for rate limits).</summary>
    public HttpClient NewClient(string? address = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
        });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address ?? RandomAddress());
        return client;
    }

    public static string RandomAddress() => new IPAddress(RandomNumberGenerator.GetBytes(4)).ToString();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (TestEnvironment.UsePostgres)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(TestEnvironment.PostgresServer);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
