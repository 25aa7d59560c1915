using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>The simulator on a real port, and Sesame's adapters pointed at it, as the server wires them.</summary>
public sealed class SimulatedRegistries : IAsyncLifetime
{
    public const string RamqKey = "cle-ramq-essai";
    public const string RevenuQuebecKey = "cle-rq-essai";
    public const string SaaqKey = "cle-saaq-essai";

    private WebApplication? _simulator;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Raw { get; private set; } = new();

    /// <summary>Every log line the adapters wrote.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public async Task InitializeAsync()
    {
        (_simulator, var root) = await SimulatorServices.StartOnLoopbackAsync(new Dictionary<string, string?>
        {
            ["Simulator:Credentials:RevenuQuebec"] = RevenuQuebecKey,
            ["Simulator:Credentials:Ramq"] = RamqKey,
            ["Simulator:Credentials:Saaq"] = SaaqKey,
            ["Simulator:SlowDelay"] = "00:00:05",
        });
        BaseAddress = new Uri(root, "/simulateur/");
        Raw = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>The adapters as Sesame registers them, with short timeouts and, if given, another setting.</summary>
    public ServiceProvider Adapters(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, key) in new[] { ("RevenuQuebec", RevenuQuebecKey), ("Ramq", RamqKey), ("Saaq", SaaqKey) })
        {
            settings[$"{name}:BaseAddress"] = BaseAddress.ToString();
            settings[$"{name}:ApiKey"] = key;
            settings[$"{name}:AttemptTimeout"] = "00:00:00.500";
            settings[$"{name}:TotalTimeout"] = "00:00:01.500";
        }

        change?.Invoke(settings);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new QueueLogger(Logs)));
        services.AddSesameRegistries(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    public async Task SetFaultAsync(string registry, string mode)
    {
        using var response = await Raw.PostAsync("pannes", new StringContent($$"""{"registry":"{{registry}}","mode":"{{mode}}"}""", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Raw.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + exception);

        public void Dispose()
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RegistriesCollection : ICollectionFixture<SimulatedRegistries>
{
    public const string Name = "Simulated registries";
}
