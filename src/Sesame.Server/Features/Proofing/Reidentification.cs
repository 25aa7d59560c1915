using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;
using Sesame.Core.Privacy;
using Sesame.Registries;

namespace Sesame.Server.Features.Proofing;

/// <summary>What an identified person proves again, depending on which of their identifiers a registry confirmed.</summary>
public enum ReidentificationProof
{
    /// <summary>Not identified: nothing to prove again.</summary>
    None,

    /// <summary>NAS and a notice of assessment of the last five tax years, checked by Revenu Québec.</summary>
    SinAndNotice,

    /// <summary>NAM and the health card's reference number, checked by the RAMQ.</summary>
    NamAndCardReference,
}

/// <summary>
/// Seed 002: "Une vérification d'identité est faite lors de … la réinitialisation des options de sécurité".
/// Resetting the password of an identified account asks the person to prove again, against the registries,
/// that they are the person bound to it: the typed identifier must be the bound one (keyed hash) and the
/// registry must confirm the proof with the verified names and birth date, which Sesame keeps encrypted.
/// Failures count toward the same limits as identification (mission.md §2).
/// </summary>
public sealed class Reidentification(
    SesameDbContext db,
    KeyedHasher hasher,
    PersonalDataProtector protector,
    ProofingLimits limits,
    IRevenuQuebecRegistry revenuQuebec,
    IRamqRegistry ramq,
    TimeProvider time)
{
    public async Task<ReidentificationProof> RequiredOfAsync(SesameUser user, CancellationToken cancellationToken)
    {
        if (user.IdentifiedAt is null)
        {
            return ReidentificationProof.None;
        }

        var identity = await db.VerifiedIdentities.AsNoTracking().SingleOrDefaultAsync(i => i.AccountId == user.Id, cancellationToken);
        return identity?.NasHash is not null ? ReidentificationProof.SinAndNotice
            : identity?.NamHash is not null ? ReidentificationProof.NamAndCardReference
            : ReidentificationProof.None;
    }

    /// <summary>Checks the proof; <paramref name="identifier"/> is the NAS or NAM typed, <paramref name="proof"/> the notice or card number.</summary>
    public async Task<StepResult> CheckAsync(SesameUser user, string identifier, string proof, CancellationToken cancellationToken)
    {
        var identity = await db.VerifiedIdentities.AsNoTracking().SingleAsync(i => i.AccountId == user.Id, cancellationToken);
        var person = protector.Unprotect<PersonalInformation>(identity.Attributes, VerifiedIdentity.ProtectionPurpose);
        var bySin = identity.NasHash is not null;
        var typedHash = hasher.Hash(bySin ? "nas" : "nam", identifier);
        if (await limits.BeforeRegistryCheckAsync(user.Id, bySin ? null : identity.NamHash, bySin ? identity.NasHash : null, cancellationToken) is { } locked)
        {
            return StepResult.LockedBy(locked);
        }

        var sameIdentifier = System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(typedHash, (bySin ? identity.NasHash : identity.NamHash)!);
        RegistryResult? answer = null;
        if (sameIdentifier)
        {
            var (from, to) = NoticeOfAssessmentNumber.TaxYears(DateOnly.FromDateTime(time.GetLocalNow().DateTime), NoticeOfAssessmentNumber.ExtendedTaxYears);
            answer = bySin
                ? await revenuQuebec.VerifyNoticeAsync(new NoticeVerification(person.Nas, person.GivenName, person.FamilyName, person.BirthDate, proof, from, to), cancellationToken)
                : await ramq.VerifyCardAsync(new CardVerification(person.Nam, person.GivenName, person.FamilyName, person.BirthDate, proof), cancellationToken);
            if (!answer.Answered)
            {
                return StepResult.Unavailable;
            }
        }

        var matched = answer?.Outcome == RegistryOutcome.Match;
        limits.Record(user.Id, AttemptKind.RegistryCheck, failed: !matched, identity.NamHash, identity.NasHash);
        await db.SaveChangesAsync(cancellationToken);
        return matched ? StepResult.Advanced : StepResult.NoMatch;
    }
}
