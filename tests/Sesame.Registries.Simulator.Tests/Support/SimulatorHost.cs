using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Sesame.Registries.Simulator.Tests.Support;

/// <summary>
/// The standalone simulator (<see cref="Program"/>) on Kestrel on a loopback port, reached over real HTTP as Sesame's
/// adapters reach a registry, so that a dropped connection is a dropped connection. Its clock is a fake one fixed at
/// <see cref="Start"/>, so tax years and card expiries do not depend on the day the tests run.
/// </summary>
public sealed class SimulatorHost : WebApplicationFactory<Program>
{
    public const string Prefix = "/simulateur";

    /// <summary>The credentials this host's registries accept (not the development defaults, to show they are read).</summary>
    public const string RevenuQuebecKey = "essai-rq-7f3a9c51";
    public const string RamqKey = "essai-ramq-2b8d4e07";
    public const string SaaqKey = "essai-saaq-5c1e7a93";

    /// <summary>The fake clock's start: the population stands in 2026, last tax year is 2025.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 4, 13, 30, 0, TimeSpan.Zero);

    public static readonly int Year = Start.Year;

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private HttpClient? _client;

    public SimulatorHost(IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        _environment = environment;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Simulator:Credentials:RevenuQuebec"] = RevenuQuebecKey,
            ["Simulator:Credentials:Ramq"] = RamqKey,
            ["Simulator:Credentials:Saaq"] = SaaqKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client on <c>{Root}/simulateur/</c>, without credentials: what goes on the wire is up to each test.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("Call StartAsync first.");

    public SimulatorState State => Services.GetRequiredService<SimulatorState>();

    public Population Population => State.Population;

    /// <summary>Starts Kestrel and builds the population (it is built on first use; better now than inside a test's timeout).</summary>
    public SimulatorHost Started()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Root = new Uri(address);
        _client = NewClient(TimeSpan.FromSeconds(60));
        _ = Population;
        return this;
    }

    /// <summary>A fresh client on the simulator with its own timeout (fault tests use short ones).</summary>
    public HttpClient NewClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new Uri(Root, Prefix + "/"),
            Timeout = timeout,
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureTestServices(services =>
        {
            // The simulator's state on the fake clock; only the simulator's own registration is replaced.
            services.RemoveAll<SimulatorState>();
            services.AddSingleton(sp => new SimulatorState(Clock, sp.GetRequiredService<SimulatorOptions>()));
        });
    }

    /// <summary>A contract call as a registry client makes it: POST, JSON, the bearer key, an optional idempotency key.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? key, object body, string? idempotencyKey = null) =>
        PostJsonAsync(Client, path, key, body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), idempotencyKey);

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string? key, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts and reads a <c>200</c> answer: its outcome and reference (failing on any other status).</summary>
    public async Task<Answer> AnswerAsync(string path, string key, object body, string? idempotencyKey = null)
    {
        using var response = await PostAsync(path, key, body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return Answer.Parse(text);
    }

    public async Task<IReadOnlyList<MailedLetter>> LettersAsync() =>
        await Client.GetFromJsonAsync<List<MailedLetter>>("courrier.json", JsonSerializerOptions.Web) ?? [];

    /// <summary>Turns a fault on (<c>down</c>, <c>slow</c>, <c>error</c>) or off (<c>none</c>) through <c>POST pannes</c>.</summary>
    public async Task SetFaultAsync(string registry, string mode)
    {
        using var response = await Client.PostAsJsonAsync("pannes", new { registry, mode });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client?.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A registry's <c>200</c> answer (docs/registries.md): exactly <c>outcome</c> and <c>reference</c>.</summary>
public sealed record Answer(string Outcome, string Reference)
{
    public static Answer Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["outcome", "reference"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        return new Answer(root.GetProperty("outcome").GetString()!, root.GetProperty("reference").GetString()!);
    }
}

/// <summary>A letter as <c>courrier.json</c> lists it.</summary>
public sealed record MailedLetter(DateTimeOffset SentAt, string Kind, string Recipient, string Address, string Content, string Secret);

/// <summary>One simulator for the test classes that neither switch faults nor move the clock.</summary>
public sealed class SharedSimulator : IDisposable
{
    public SimulatorHost Host { get; } = new SimulatorHost().Started();

    public void Dispose() => Host.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedSimulatorCollection : ICollectionFixture<SharedSimulator>
{
    public const string Name = "One simulator on a loopback port";
}
