namespace Sesame.Server.Features.Proofing;

/// <summary>The "Proofing" configuration section.</summary>
public sealed class ProofingSettings
{
    public const string Section = "Proofing";

    /// <summary>
    /// Accept social insurance numbers starting with 0, which belong to nobody and are what synthetic people
    /// carry (identifiers.md). Refused in Production, where only real first digits are valid.
    /// </summary>
    public bool AcceptSyntheticSin { get; set; }

    /// <summary>Serve the registry simulator inside Sesame at /simulateur (the run command). Refused in Production.</summary>
    public bool MountSimulator { get; set; }
}
