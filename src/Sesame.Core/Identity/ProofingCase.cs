namespace Sesame.Core.Identity;

/// <summary>
/// The ways to become an identified person (mission.md §2): the government authentication service's two proofs
/// (seed 001), or clicSÉQUR's verification by Revenu Québec alone or by RAMQ with its activation key (seed 002).
/// </summary>
public enum ProofingRoute
{
    TwoProofs = 0,
    RevenuQuebecAlone = 1,
    RamqActivationKey = 2,
}

/// <summary>Seed 001, section 1: "Saisir le numéro de l'avis de cotisation".</summary>
public enum FirstSectionChoice
{
    NotChosen = 0,
    NoticeOfAssessment = 1,

    /// <summary>"Je ne possède pas d'avis de cotisation ou je ne l'ai pas en main."</summary>
    NoneAtHand = 2,
}

/// <summary>Seed 001, section 2: "Saisir un des renseignements suivants".</summary>
public enum SecondSectionChoice
{
    NotChosen = 0,
    HealthCardReference = 1,
    LicenceReference = 2,

    /// <summary>"Je ne possède aucun de ces renseignements."</summary>
    NoneAtHand = 3,
}

public enum ProofingStatus
{
    Open = 0,
    Identified = 1,
}

/// <summary>
/// A person's identification in progress: what they typed (encrypted), what they chose, what the registries
/// answered. It lives in the database so that progress survives a registry outage and a sign-out (issue 4).
/// One open case per account.
/// </summary>
public sealed class ProofingCase
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public ProofingRoute Route { get; set; }

    public ProofingStatus Status { get; set; }

    /// <summary>The <see cref="PersonalInformation"/> typed, encrypted (PersonalDataProtector); null until given.</summary>
    public byte[]? PersonalData { get; set; }

    /// <summary>Keyed hashes of the NAM and NAS typed: how attempt limits and one-identity-one-account find them.</summary>
    public byte[]? NamHash { get; set; }

    public byte[]? NasHash { get; set; }

    /// <summary>When "Je consens à ce que mes renseignements personnels soient utilisés…" was ticked (seed 001).</summary>
    public DateTimeOffset? PersonalDataConsentAt { get; set; }

    public FirstSectionChoice FirstSection { get; set; }

    public SecondSectionChoice SecondSection { get; set; }

    /// <summary>Keyed hash of the postal identification secret last mailed; the secret itself is never kept.</summary>
    public byte[]? PostalSecretHash { get; set; }

    public DateTimeOffset? PostalSecretExpiresAt { get; set; }

    /// <summary>Where to go once identified: the service's authorization request that asked for it (step-up).</summary>
    public string? ReturnUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? IdentifiedAt { get; set; }

    /// <summary>Two tabs submitting at once: the second save fails instead of overwriting the first.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ProofingEvidence> Evidence { get; set; } = [];
}

/// <summary>What can prove an identity, each checked by one registry (or by the letter's secret).</summary>
public enum EvidenceKind
{
    /// <summary>A notice of assessment of the two most recent tax years (seed 001).</summary>
    NoticeOfAssessmentRecent = 1,

    /// <summary>A notice of assessment of the last five tax years (seed 002, Revenu Québec alone).</summary>
    NoticeOfAssessmentFiveYears = 2,

    HealthCardReference = 3,
    LicenceReference = 4,

    /// <summary>NAM, card sequential number, expiry and the 4-digit key RAMQ mailed (seed 002).</summary>
    RamqActivationKey = 5,

    /// <summary>The postal identification secret typed back (seed 001).</summary>
    PostalSecret = 6,
}

public enum EvidenceOutcome
{
    NoMatch = 0,
    Match = 1,
}

/// <summary>One registry answer (or postal secret check), with the registry's reference id for its journal.</summary>
public sealed class ProofingEvidence
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public EvidenceKind Kind { get; set; }

    public EvidenceOutcome Outcome { get; set; }

    public string? RegistryReference { get; set; }

    public DateTimeOffset CheckedAt { get; set; }

    /// <summary>The order of the answers on the case: two answers can share an instant, never a place in line.</summary>
    public int Sequence { get; set; }

    /// <summary>The answer of each kind that counts: the latest one.</summary>
    public static IEnumerable<ProofingEvidence> Latest(IEnumerable<ProofingEvidence> evidence) =>
        evidence.GroupBy(e => e.Kind).Select(g => g.OrderByDescending(e => e.Sequence).ThenByDescending(e => e.CheckedAt).First());
}

/// <summary>
/// What the person typed on "Saisir vos renseignements personnels" (seed 001), normalized. Only ever stored
/// encrypted; <see cref="ToString"/> never prints it, so it cannot reach a log by accident.
/// </summary>
public sealed record PersonalInformation(string GivenName, string FamilyName, DateOnly BirthDate, string Nam, string Nas)
{
    public const string ProtectionPurpose = "proofing-personal-information-v1";

    public override string ToString() => nameof(PersonalInformation);
}
