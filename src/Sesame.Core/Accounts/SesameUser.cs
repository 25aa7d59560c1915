using Microsoft.AspNetCore.Identity;

namespace Sesame.Core.Accounts;

/// <summary>
/// An account, of a citizen or of a health-network professional (<see cref="Population"/>). Identity's columns
/// hold the username and, for citizens, the e-mail (both needed for look-ups); nothing else personal lives
/// here, so the table can be read without exposing a person.
/// </summary>
public sealed class SesameUser : IdentityUser<Guid>
{
    /// <summary>
    /// Which rules apply. A professional's e-mail stays null: the username has the form of an address but is
    /// never written to (seed 004), so citizens' e-mail uniqueness is untouched (decision 0014).
    /// </summary>
    public AccountPopulation Population { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The person this account belongs to, from which identification codes are derived. A new account gets a
    /// new one; identity proofing will bind it to the verified identity, so that a person identified again on
    /// another account keeps their codes (docs/decisions/0008-identification-codes.md).
    /// </summary>
    public Guid PersonId { get; set; } = Guid.NewGuid();

    /// <summary>When the terms of use were accepted at account creation (seed 001, "Créer votre compte").</summary>
    public DateTimeOffset TermsAcceptedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>When the account's holder was identified against the registries (mission.md §2); null until then.</summary>
    public DateTimeOffset? IdentifiedAt { get; set; }

    /// <summary>
    /// When the person asked to close the account; personal information is deleted once the grace period
    /// (<see cref="AccountClosure.GracePeriod"/>) has passed, and signing in before then can cancel it.
    /// </summary>
    public DateTimeOffset? ClosureRequestedAt { get; set; }

    /// <summary>
    /// Whether the person turned on alerts for sign-ins from a new place, which locate the address
    /// approximately: off until the person turns it on (Québec Law 25, A-2.1 s.65.0.1; mission.md §1).
    /// </summary>
    public bool LocationAlertsEnabled { get; set; }
}
