using System.Net.Http.Json;
using System.Text.Json;
using Sesame.Registries.Simulator;

namespace Sesame.Testing;

/// <summary>
/// The registry simulator on its own Kestrel port, one per test process: Sesame reaches it over real HTTP,
/// as it would reach the real registries (docs/registries.md). Tests read its letters and turn its faults on.
/// </summary>
public sealed class RegistrySimulatorServer
{
    public const string Prefix = "/simulateur";

    /// <summary>The credentials the simulator accepts and Sesame's host is given.</summary>
    public const string RevenuQuebecKey = "test-key-revenu-quebec-0123456789";
    public const string RamqKey = "test-key-ramq-0123456789abcdef";
    public const string SaaqKey = "test-key-saaq-0123456789abcdef";

    private static readonly Lazy<RegistrySimulatorServer> Instance = new(Start);

    private readonly HttpClient _http;

    private RegistrySimulatorServer(Uri root)
    {
        Root = root;
        BaseAddress = new Uri(root, Prefix + "/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static RegistrySimulatorServer Shared => Instance.Value;

    public Uri Root { get; }

    /// <summary>What Sesame's <c>Registries:*:BaseAddress</c> point at.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Turns a registry's fault on (<c>down</c>, <c>slow</c>, <c>error</c>) or off (<c>none</c>).</summary>
    public async Task SetFaultAsync(string registry, string mode)
    {
        using var response = await _http.PostAsJsonAsync("pannes", new { registry, mode });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The letters mailed so far, newest first, as the simulator's mail room lists them.</summary>
    public async Task<IReadOnlyList<JsonElement>> LettersAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("courrier.json"));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static RegistrySimulatorServer Start()
    {
        var (app, root) = SimulatorServices.StartOnLoopbackAsync(new Dictionary<string, string?>
        {
            ["Simulator:Credentials:RevenuQuebec"] = RevenuQuebecKey,
            ["Simulator:Credentials:Ramq"] = RamqKey,
            ["Simulator:Credentials:Saaq"] = SaaqKey,
            // A slow registry answers after this delay: longer than Sesame waits, short enough for the suite.
            ["Simulator:SlowDelay"] = "00:00:15",
        }, Prefix).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.StopAsync().GetAwaiter().GetResult();
        return new RegistrySimulatorServer(new Uri(root.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal)));
    }

    /// <summary>The settings that point Sesame's registry adapters at this simulator.</summary>
    public IEnumerable<KeyValuePair<string, string>> SesameSettings()
    {
        foreach (var (registry, key) in new[] { ("RevenuQuebec", RevenuQuebecKey), ("Ramq", RamqKey), ("Saaq", SaaqKey) })
        {
            yield return new($"Registries:{registry}:BaseAddress", BaseAddress.ToString());
            yield return new($"Registries:{registry}:ApiKey", key);
        }
    }
}
