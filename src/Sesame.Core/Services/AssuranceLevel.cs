namespace Sesame.Core.Services;

/// <summary>
/// What a service can ask for (mission.md §3, "Assurance levels"): an authenticated account, or a person
/// whose identity was verified against the registries. The values are the <c>acr</c> the tokens carry.
/// </summary>
public enum AssuranceLevel
{
    /// <summary>A confirmed account, signed in with its password and a second factor.</summary>
    Account = 1,

    /// <summary>A person identified against the government's registries (identity proofing).</summary>
    IdentifiedPerson = 2,
}

public static class AssuranceLevels
{
    public const string AccountAcr = "urn:sesame:loa:compte";
    public const string IdentifiedPersonAcr = "urn:sesame:loa:identifie";

    public static string Acr(this AssuranceLevel level) => level switch
    {
        AssuranceLevel.Account => AccountAcr,
        AssuranceLevel.IdentifiedPerson => IdentifiedPersonAcr,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static AssuranceLevel? FromAcr(string? acr) => acr switch
    {
        AccountAcr => AssuranceLevel.Account,
        IdentifiedPersonAcr => AssuranceLevel.IdentifiedPerson,
        _ => null,
    };
}
