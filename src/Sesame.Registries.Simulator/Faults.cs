namespace Sesame.Registries.Simulator;

/// <summary>The registries the simulator stands in for; a fault is set on each separately.</summary>
public enum SimulatedRegistry
{
    RevenuQuebec,
    Ramq,
    Saaq,
}

/// <summary>How a registry misbehaves, switched on by tests and demos (issue 4: "down, slow, 500").</summary>
public enum FaultMode
{
    None,

    /// <summary>The connection is dropped without an answer.</summary>
    Down,

    /// <summary>The answer comes after <see cref="SimulatorOptions.SlowDelay"/>.</summary>
    Slow,

    /// <summary>500 Internal Server Error.</summary>
    Error,
}

/// <summary>The names the fault switch (<c>POST pannes</c>) reads and writes: <c>revenu-quebec</c>, <c>ramq</c>, <c>saaq</c>; <c>none</c>, <c>down</c>, <c>slow</c>, <c>error</c>.</summary>
public static class FaultNames
{
    public static string Of(SimulatedRegistry registry) => registry switch
    {
        SimulatedRegistry.RevenuQuebec => "revenu-quebec",
        SimulatedRegistry.Ramq => "ramq",
        SimulatedRegistry.Saaq => "saaq",
        _ => throw new ArgumentOutOfRangeException(nameof(registry), registry, null),
    };

    public static string Of(FaultMode mode) => mode switch
    {
        FaultMode.None => "none",
        FaultMode.Down => "down",
        FaultMode.Slow => "slow",
        FaultMode.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The registry, written as on the wire (<c>revenu-quebec</c>) or as the enum (<c>RevenuQuebec</c>), any case.</summary>
    public static bool TryParseRegistry(string? text, out SimulatedRegistry registry)
    {
        registry = default;
        var compact = (text ?? "").Replace("-", "", StringComparison.Ordinal).Trim();
        return compact.Length > 0 && !compact.Any(char.IsDigit)
            && Enum.TryParse(compact, ignoreCase: true, out registry) && Enum.IsDefined(registry);
    }

    public static bool TryParseMode(string? text, out FaultMode mode)
    {
        mode = default;
        var trimmed = (text ?? "").Trim();
        return trimmed.Length > 0 && !trimmed.Any(char.IsDigit)
            && Enum.TryParse(trimmed, ignoreCase: true, out mode) && Enum.IsDefined(mode);
    }
}
