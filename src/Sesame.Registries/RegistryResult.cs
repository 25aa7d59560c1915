namespace Sesame.Registries;

/// <summary>What a registry's answer means to Sesame, whoever the registry is (architecture.md, principle 2).</summary>
public enum RegistryOutcome
{
    /// <summary>The registry holds exactly what was sent.</summary>
    Match,

    /// <summary>The registry answered, and what was sent is not what it holds.</summary>
    NoMatch,

    /// <summary>The letter was queued for the address the registry holds.</summary>
    Sent,

    /// <summary>No usable answer: refused connection, 5xx, a rejected credential, an unreadable body. Never "no match".</summary>
    Unavailable,

    /// <summary>No answer in the time allowed. Never "no match" either.</summary>
    TimedOut,
}

/// <summary>A registry's verdict and its reference id (for its own journal), never the record itself (docs/registries.md).</summary>
public sealed record RegistryResult(string Registry, RegistryOutcome Outcome, string? Reference = null)
{
    /// <summary>The registry gave an answer Sesame may act on.</summary>
    public bool Answered => Outcome is RegistryOutcome.Match or RegistryOutcome.NoMatch or RegistryOutcome.Sent;
}
