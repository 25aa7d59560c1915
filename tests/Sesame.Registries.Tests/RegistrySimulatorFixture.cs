using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests;

/// <summary>
/// The registry simulator on its own Kestrel port under <c>/simulateur</c>, and Sesame's adapters pointed at it
/// over real HTTP, as the server wires them (docs/registries.md). One per test run: every class that talks to
/// it belongs to <see cref="RegistrySimulatorCollection"/>.
/// </summary>
public sealed class RegistrySimulatorFixture : IAsyncLifetime
{
    public const string Prefix = "/simulateur";

    /// <summary>The credentials the simulator accepts, one per registry.</summary>
    public const string RevenuQuebecKey = "essai-cle-revenu-quebec-4f1c2a";
    public const string RamqKey = "essai-cle-ramq-9b7d3e";
    public const string SaaqKey = "essai-cle-saaq-2a8c6f";

    /// <summary>Generated people beyond the demo people: enough for every kind of name, quick to build.</summary>
    public const int PopulationSize = 2_000;

    private WebApplication? _simulator;
    private ServiceProvider? _adapters;

    /// <summary>The simulator's root (<c>http://127.0.0.1:port</c>).</summary>
    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary><see cref="Root"/> + <c>/simulateur/</c>: where the contracts' relative paths start.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/simulateur/");

    /// <summary>A plain HttpClient on <see cref="BaseAddress"/>, without credentials: the contract as the wire sees it.</summary>
    public HttpClient Raw { get; private set; } = new();

    /// <summary>The adapters shared by the tests that only read (no fault, no other setting).</summary>
    public ServiceProvider Adapters => _adapters ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The people the simulator serves (the demo people first).</summary>
    public Population Population => _simulator!.Services.GetRequiredService<SimulatorState>().Population;

    public async Task InitializeAsync()
    {
        (_simulator, var root) = await SimulatorServices.StartOnLoopbackAsync(new Dictionary<string, string?>
        {
            ["Simulator:Credentials:RevenuQuebec"] = RevenuQuebecKey,
            ["Simulator:Credentials:Ramq"] = RamqKey,
            ["Simulator:Credentials:Saaq"] = SaaqKey,
            // Longer than the adapters wait in all (1.5 s), short enough that a dropped wait ends soon.
            ["Simulator:SlowDelay"] = "00:00:05",
            ["Simulator:PopulationSize"] = PopulationSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, Prefix);
        Root = root;
        BaseAddress = new Uri(Root, Prefix + "/");
        Raw = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The population is built on first use: build it now (the home page counts it), not inside a 0.5 s try.
        (await Raw.GetAsync(new Uri("", UriKind.Relative))).Dispose();
        _adapters = CreateAdapters();
        // One call to warm both ends (JIT, connection pool); its answer does not matter.
        await _adapters.GetRequiredService<ISaaqRegistry>().VerifyLicenceAsync(
            new LicenceVerification("K4T9W2M7QA", "Marie", "Tremblay", new DateOnly(1985, 3, 14)), CancellationToken.None);
    }

    /// <summary>
    /// A fresh set of adapters (its own circuit breakers), as <c>AddSesameRegistries</c> registers them, pointed at
    /// the simulator with the credentials and short timeouts; <paramref name="change"/> may alter a setting
    /// (keys relative to <c>Registries</c>, such as <c>Ramq:ApiKey</c>).
    /// </summary>
    public ServiceProvider CreateAdapters(Action<Dictionary<string, string?>>? change = null, ILoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (registry, key) in new[] { ("RevenuQuebec", RevenuQuebecKey), ("Ramq", RamqKey), ("Saaq", SaaqKey) })
        {
            settings[$"Registries:{registry}:BaseAddress"] = BaseAddress.ToString();
            settings[$"Registries:{registry}:ApiKey"] = key;
            settings[$"Registries:{registry}:AttemptTimeout"] = "00:00:00.500";
            settings[$"Registries:{registry}:TotalTimeout"] = "00:00:01.500";
        }

        if (change is not null)
        {
            var relative = new Dictionary<string, string?>();
            change(relative);
            foreach (var (key, value) in relative)
            {
                settings[$"Registries:{key}"] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSesameRegistries(configuration.GetSection("Registries"));
        return services.BuildServiceProvider();
    }

    /// <summary>Turns a registry's fault on (<c>down</c>, <c>slow</c>, <c>error</c>) or off (<c>none</c>) through <c>POST pannes</c>.</summary>
    public async Task SetFaultAsync(string registry, string mode)
    {
        using var response = await Raw.PostAsJsonAsync("pannes", new { registry, mode });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The letters mailed so far, newest first, from <c>courrier.json</c>.</summary>
    public async Task<IReadOnlyList<MailedLetter>> LettersAsync() =>
        await Raw.GetFromJsonAsync<List<MailedLetter>>("courrier.json", JsonSerializerOptions.Web) ?? [];

    /// <summary>A contract call as a registry client would make it: POST, JSON, the bearer credential, an optional idempotency key.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? apiKey, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Raw.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        Raw.Dispose();
        if (_adapters is not null)
        {
            await _adapters.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}

/// <summary>A letter in the simulator's mail room, as <c>courrier.json</c> lists it.</summary>
public sealed record MailedLetter(DateTimeOffset SentAt, string Kind, string Recipient, string Address, string Content);

[CollectionDefinition(Name)]
public sealed class RegistrySimulatorCollection : ICollectionFixture<RegistrySimulatorFixture>
{
    public const string Name = "Registry simulator on a loopback port";
}
