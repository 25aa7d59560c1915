using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Consents;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Core.Identity;

public enum BindingOutcome
{
    Bound,

    /// <summary>The NAM or NAS is the identity of another account still open (mission.md §2).</summary>
    BoundToAnotherAccount,
}

/// <summary>
/// Makes an account the account of a verified identity: one identity, one account, found through keyed hashes
/// of the NAM and NAS, never their clear values (mission.md §2). A person identified again on a new account,
/// after closing the old one, gets back the identity's <see cref="VerifiedIdentity.PersonId"/> and with it the
/// same identification code at every service (docs/decisions/0008-identification-codes.md).
/// </summary>
public sealed class IdentityBinding(SesameDbContext db, PersonalDataProtector protector, IdentificationCodes codes, TimeProvider time)
{
    /// <summary>Binds; the caller saves. Only identifiers a registry confirmed are bound, but both typed ones are checked.</summary>
    public async Task<BindingOutcome> BindAsync(
        SesameUser user, ProofingCase proofingCase, PersonalInformation person, Adjudication adjudication, CancellationToken cancellationToken)
    {
        var namHash = proofingCase.NamHash;
        var nasHash = proofingCase.NasHash;
        var known = await db.VerifiedIdentities
            .Where(i => (namHash != null && i.NamHash == namHash) || (nasHash != null && i.NasHash == nasHash))
            .ToListAsync(cancellationToken);
        if (known.Any(i => i.AccountId is not null && i.AccountId != user.Id) || known.Count > 1)
        {
            // Another open account holds this identity (or the NAM and NAS belong to two identities).
            return BindingOutcome.BoundToAnotherAccount;
        }

        var now = time.GetUtcNow();
        var identity = known.SingleOrDefault()
            ?? await db.VerifiedIdentities.SingleOrDefaultAsync(i => i.AccountId == user.Id, cancellationToken);
        if (identity is null)
        {
            identity = new VerifiedIdentity { PersonId = user.PersonId };
            db.VerifiedIdentities.Add(identity);
        }

        identity.AccountId = user.Id;
        if (adjudication.NamConfirmed)
        {
            identity.NamHash = namHash;
        }

        if (adjudication.NasConfirmed)
        {
            identity.NasHash = nasHash;
        }

        identity.Attributes = protector.Protect(person, VerifiedIdentity.ProtectionPurpose);
        identity.Method = adjudication.Method ?? "";
        identity.Reasons = string.Join(' ', adjudication.Reasons);
        identity.VerifiedAt = now;

        if (identity.PersonId != user.PersonId)
        {
            await FollowIdentityAsync(user, identity.PersonId, cancellationToken);
        }

        user.IdentifiedAt = now;
        proofingCase.Status = ProofingStatus.Identified;
        proofingCase.IdentifiedAt = now;
        proofingCase.UpdatedAt = now;
        proofingCase.Version = Guid.NewGuid();
        return BindingOutcome.Bound;
    }

    /// <summary>
    /// The account takes the identity's person: the services it already consented to get the code that
    /// person has (or would have) in their sector, so a service sees one code for one person.
    /// </summary>
    private async Task FollowIdentityAsync(SesameUser user, Guid personId, CancellationToken cancellationToken)
    {
        user.PersonId = personId;
        var consents = await db.Consents.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        foreach (var consent in consents)
        {
            var service = await db.RelyingParties.SingleAsync(r => r.ClientId == consent.ClientId, cancellationToken);
            consent.PersonId = personId;
            consent.Subject = await codes.ForAsync(user, service, cancellationToken);
        }
    }
}
