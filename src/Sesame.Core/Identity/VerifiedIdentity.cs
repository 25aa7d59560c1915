namespace Sesame.Core.Identity;

/// <summary>
/// A person whose identity the registries confirmed (mission.md §2). Its <see cref="PersonId"/> is what
/// identification codes derive from, so a person identified again on a new account gets it back, and with it
/// the same code at every service (docs/decisions/0008-identification-codes.md). The identifiers are kept
/// only as keyed hashes (unique: one identity, one account) and the verified attributes only encrypted.
/// </summary>
public sealed class VerifiedIdentity
{
    public const string ProtectionPurpose = "verified-identity-v1";

    public Guid PersonId { get; set; }

    /// <summary>Keyed hash of the NAM, when a registry confirmed it (RAMQ); otherwise null.</summary>
    public byte[]? NamHash { get; set; }

    /// <summary>Keyed hash of the NAS, when a registry confirmed it (Revenu Québec); otherwise null.</summary>
    public byte[]? NasHash { get; set; }

    /// <summary>The account the identity is bound to now; null once that account is closed.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The <see cref="PersonalInformation"/> verified, encrypted.</summary>
    public byte[] Attributes { get; set; } = [];

    /// <summary>How it was established, e.g. <c>notice+health-card</c>, and the adjudicator's reasons.</summary>
    public string Method { get; set; } = "";

    public string Reasons { get; set; } = "";

    public DateTimeOffset VerifiedAt { get; set; }
}

public enum AttemptKind
{
    /// <summary>A proof sent to a registry (seed 001's sections, seed 002's verifications).</summary>
    RegistryCheck = 1,

    /// <summary>A postal identification secret typed back.</summary>
    PostalSecretEntry = 2,

    /// <summary>A letter asked of RAMQ (postal secret or activation key).</summary>
    Letter = 3,
}

/// <summary>
/// One attempt, kept to enforce mission.md §2's limits: 5 failed proofing attempts per account in 24 h, 10 per
/// hashed NAM or NAS per hour across all accounts, postal secret entry 5 tries per 10 minutes, at most 4
/// letters in 30 days and 24 h apart.
/// </summary>
public sealed class ProofingAttempt
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public AttemptKind Kind { get; set; }

    public byte[]? NamHash { get; set; }

    public byte[]? NasHash { get; set; }

    public bool Failed { get; set; }

    public DateTimeOffset At { get; set; }
}
