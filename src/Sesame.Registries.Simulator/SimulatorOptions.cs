namespace Sesame.Registries.Simulator;

/// <summary>The <c>Simulator</c> configuration section.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>
    /// The bearer credential each registry accepts (docs/registries.md, "Transport and authentication"), by registry:
    /// <c>Simulator:Credentials:RevenuQuebec|Ramq|Saaq</c>. The defaults are the development keys that
    /// appsettings.Development.json gives Sesame's adapters; they cannot reach production, where the simulator refuses
    /// to run.
    /// </summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(SimulatedRegistry.RevenuQuebec)] = "dev-key-revenu-quebec-not-for-production",
        [nameof(SimulatedRegistry.Ramq)] = "dev-key-ramq-not-for-production",
        [nameof(SimulatedRegistry.Saaq)] = "dev-key-saaq-not-for-production",
    };

    /// <summary>How long a registry switched to <c>slow</c> takes to answer (docs/registries.md: 30 s).</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many people the population holds, demo people included (at least the demo people).</summary>
    public int PopulationSize { get; set; } = Population.DefaultSize;
}
