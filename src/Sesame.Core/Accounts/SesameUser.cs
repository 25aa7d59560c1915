using Microsoft.AspNetCore.Identity;

namespace Sesame.Core.Accounts;

/// <summary>
/// A citizen account. Identity's columns hold the username and e-mail (both needed for look-ups);
/// nothing else personal lives here, so the table can be read without exposing a person.
/// </summary>
public sealed class SesameUser : IdentityUser<Guid>
{
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
}
