using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;
using Sesame.Core.Privacy;
using Sesame.Registries;

namespace Sesame.Server.Features.Proofing;

/// <summary>What became of a step, for the page to show.</summary>
public enum StepOutcome
{
    /// <summary>Saved; go to the step the graph says is next.</summary>
    Advanced,

    /// <summary>The registries confirmed enough: the person is identified.</summary>
    Identified,

    /// <summary>A registry answered "no match" for what was typed.</summary>
    NoMatch,

    /// <summary>A registry did not answer in time or failed: try again later; nothing counted, nothing lost.</summary>
    Unavailable,

    /// <summary>An attempt limit is reached until <see cref="StepResult.Until"/>.</summary>
    Locked,

    /// <summary>The identity is already that of another open account.</summary>
    AlreadyBound,
}

public sealed record StepResult(StepOutcome Outcome, DateTimeOffset? Until = null, ProofingLockReason? LockReason = null)
{
    public static readonly StepResult Advanced = new(StepOutcome.Advanced);
    public static readonly StepResult Unavailable = new(StepOutcome.Unavailable);
    public static readonly StepResult NoMatch = new(StepOutcome.NoMatch);

    public static StepResult LockedBy(ProofingLock locked) => new(StepOutcome.Locked, locked.Until, locked.Reason);
}

/// <summary>
/// The identification process (mission.md §2, seeds 001 and 002) between the pages and the registries: it keeps
/// the case, asks each registry only what the person consented to send it, records each answer and each
/// attempt, and lets <see cref="IdentityAdjudicator"/> decide. A registry that fails leaves the case as it was.
/// </summary>
public sealed class ProofingWorkflow(
    SesameDbContext db,
    KeyedHasher hasher,
    PersonalDataProtector protector,
    ProofingLimits limits,
    IdentityBinding binding,
    IRevenuQuebecRegistry revenuQuebec,
    IRamqRegistry ramq,
    ISaaqRegistry saaq,
    AuditTrail audit,
    TimeProvider time)
{
    /// <summary>The account's case: the open one, else the one that identified it; null if none was started.</summary>
    public Task<ProofingCase?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.ProofingCases.Include(c => c.Evidence)
            .Where(c => c.UserId == userId)
            .OrderBy(c => c.Status == ProofingStatus.Open ? 0 : 1)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    public ProofingState StateOf(ProofingCase? proofingCase) => ProofingState.Of(proofingCase, time.GetUtcNow());

    public PersonalInformation? PersonOf(ProofingCase proofingCase) =>
        proofingCase.PersonalData is null ? null : protector.Unprotect<PersonalInformation>(proofingCase.PersonalData, PersonalInformation.ProtectionPurpose);

    /// <summary>"Commencer le processus d'identification" (seed 001), or a seed 002 route.</summary>
    public async Task<ProofingCase> StartAsync(SesameUser user, ProofingRoute route, string? returnUrl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var proofingCase = await FindAsync(user.Id, cancellationToken);
        if (proofingCase is null || proofingCase.Status != ProofingStatus.Open)
        {
            proofingCase = new ProofingCase { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = now };
            db.ProofingCases.Add(proofingCase);
        }

        proofingCase.Route = route;
        proofingCase.ReturnUrl = returnUrl ?? proofingCase.ReturnUrl;
        Touch(proofingCase);
        await db.SaveChangesAsync(cancellationToken);
        return proofingCase;
    }

    /// <summary>Remembers the service's request to resume once identified (step-up, issue 4 item 7).</summary>
    public async Task RememberReturnAsync(ProofingCase proofingCase, string returnUrl, CancellationToken cancellationToken)
    {
        proofingCase.ReturnUrl = returnUrl;
        Touch(proofingCase);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Saisir vos renseignements personnels": kept encrypted; a change voids what registries confirmed.</summary>
    public async Task SavePersonalInformationAsync(ProofingCase proofingCase, PersonalInformation person, CancellationToken cancellationToken)
    {
        var namHash = hasher.Hash("nam", person.Nam);
        var nasHash = hasher.Hash("nas", person.Nas);
        var previous = PersonOf(proofingCase);
        if (previous is not null && previous != person)
        {
            // The proofs were checked against other information: they say nothing about this one.
            proofingCase.Evidence.Clear();
            proofingCase.PostalSecretHash = null;
            proofingCase.PostalSecretExpiresAt = null;
        }

        proofingCase.PersonalData = protector.Protect(person, PersonalInformation.ProtectionPurpose);
        proofingCase.NamHash = namHash;
        proofingCase.NasHash = nasHash;
        proofingCase.PersonalDataConsentAt = time.GetUtcNow();
        Touch(proofingCase);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seed 001's sections 1 and 2: each chosen proof goes to its registry, with its own consent.</summary>
    public async Task<StepResult> CheckTwoProofsAsync(
        SesameUser user, ProofingCase proofingCase, FirstSectionChoice first, string? noticeNumber,
        SecondSectionChoice second, string? referenceNumber, CancellationToken cancellationToken)
    {
        var person = PersonOf(proofingCase)!;
        proofingCase.Route = ProofingRoute.TwoProofs;
        proofingCase.FirstSection = first;
        proofingCase.SecondSection = second;
        var checks = new List<Func<Task<(EvidenceKind, RegistryResult)>>>();
        var (from, to) = NoticeOfAssessmentNumber.TaxYears(DateOnly.FromDateTime(time.GetLocalNow().DateTime), NoticeOfAssessmentNumber.RecentTaxYears);
        if (first == FirstSectionChoice.NoticeOfAssessment)
        {
            checks.Add(async () => (EvidenceKind.NoticeOfAssessmentRecent, await revenuQuebec.VerifyNoticeAsync(
                new NoticeVerification(person.Nas, person.GivenName, person.FamilyName, person.BirthDate, noticeNumber!, from, to), cancellationToken)));
        }

        if (second == SecondSectionChoice.HealthCardReference)
        {
            checks.Add(async () => (EvidenceKind.HealthCardReference, await ramq.VerifyCardAsync(
                new CardVerification(person.Nam, person.GivenName, person.FamilyName, person.BirthDate, referenceNumber!), cancellationToken)));
        }
        else if (second == SecondSectionChoice.LicenceReference)
        {
            checks.Add(async () => (EvidenceKind.LicenceReference, await saaq.VerifyLicenceAsync(
                new LicenceVerification(referenceNumber!, person.GivenName, person.FamilyName, person.BirthDate), cancellationToken)));
        }

        return await RunChecksAsync(user, proofingCase, person, checks, cancellationToken);
    }

    /// <summary>Seed 002: Revenu Québec alone, with a notice of the last five tax years.</summary>
    public async Task<StepResult> CheckRevenuQuebecAsync(SesameUser user, ProofingCase proofingCase, string noticeNumber, CancellationToken cancellationToken)
    {
        var person = PersonOf(proofingCase)!;
        var (from, to) = NoticeOfAssessmentNumber.TaxYears(DateOnly.FromDateTime(time.GetLocalNow().DateTime), NoticeOfAssessmentNumber.ExtendedTaxYears);
        return await RunChecksAsync(user, proofingCase, person,
        [
            async () => (EvidenceKind.NoticeOfAssessmentFiveYears, await revenuQuebec.VerifyNoticeAsync(
                new NoticeVerification(person.Nas, person.GivenName, person.FamilyName, person.BirthDate, noticeNumber, from, to), cancellationToken)),
        ], cancellationToken);
    }

    /// <summary>Seed 002: RAMQ alone, with the card's sequential number and expiry and the mailed activation key.</summary>
    public async Task<StepResult> CheckActivationKeyAsync(
        SesameUser user, ProofingCase proofingCase, string sequentialNumber, DateOnly expiry, string activationKey, CancellationToken cancellationToken)
    {
        var person = PersonOf(proofingCase)!;
        return await RunChecksAsync(user, proofingCase, person,
        [
            async () => (EvidenceKind.RamqActivationKey, await ramq.VerifyActivationKeyAsync(
                new ActivationKeyVerification(person.Nam, sequentialNumber, expiry.Year, expiry.Month, activationKey), cancellationToken)),
        ], cancellationToken);
    }

    /// <summary>Asks RAMQ to mail a letter to the address it holds: the postal secret, or its activation key.</summary>
    public async Task<StepResult> RequestLetterAsync(SesameUser user, ProofingCase proofingCase, LetterKind kind, CancellationToken cancellationToken)
    {
        if (await limits.BeforeLetterAsync(user.Id, cancellationToken) is { } locked)
        {
            return StepResult.LockedBy(locked);
        }

        var person = PersonOf(proofingCase)!;
        var secret = kind == LetterKind.PostalSecret ? PostalSecret.Generate() : null;
        var answer = await ramq.MailLetterAsync(
            new LetterRequest(kind, person.Nam, person.GivenName, person.FamilyName, person.BirthDate, secret is null ? null : PostalSecret.Display(secret)),
            cancellationToken);
        if (answer.Outcome is RegistryOutcome.Unavailable or RegistryOutcome.TimedOut)
        {
            return StepResult.Unavailable;
        }

        var sent = answer.Outcome == RegistryOutcome.Sent;
        limits.Record(user.Id, AttemptKind.Letter, failed: !sent, proofingCase.NamHash, proofingCase.NasHash);
        if (sent && secret is not null)
        {
            proofingCase.PostalSecretHash = hasher.Hash("postal-secret", proofingCase.Id.ToString(), secret);
            proofingCase.PostalSecretExpiresAt = time.GetUtcNow() + PostalSecret.Validity;
        }

        Touch(proofingCase);
        await db.SaveChangesAsync(cancellationToken);
        return sent ? StepResult.Advanced : StepResult.NoMatch;
    }

    /// <summary>The postal identification secret typed back (5 tries per 10 minutes, valid 30 days).</summary>
    public async Task<StepResult> EnterPostalSecretAsync(SesameUser user, ProofingCase proofingCase, string secret, CancellationToken cancellationToken)
    {
        if (await limits.BeforePostalSecretEntryAsync(user.Id, cancellationToken) is { } locked)
        {
            return StepResult.LockedBy(locked);
        }

        var valid = proofingCase.PostalSecretHash is not null
            && proofingCase.PostalSecretExpiresAt > time.GetUtcNow()
            && hasher.Matches(proofingCase.PostalSecretHash, "postal-secret", proofingCase.Id.ToString(), secret);
        limits.Record(user.Id, AttemptKind.PostalSecretEntry, failed: !valid);
        if (!valid)
        {
            Touch(proofingCase);
            await db.SaveChangesAsync(cancellationToken);
            return StepResult.NoMatch;
        }

        AddEvidence(proofingCase, EvidenceKind.PostalSecret, EvidenceOutcome.Match, reference: null);
        proofingCase.PostalSecretHash = null;
        return await AdjudicateAsync(user, proofingCase, PersonOf(proofingCase)!, cancellationToken);
    }

    private async Task<StepResult> RunChecksAsync(
        SesameUser user, ProofingCase proofingCase, PersonalInformation person,
        List<Func<Task<(EvidenceKind Kind, RegistryResult Result)>>> checks, CancellationToken cancellationToken)
    {
        if (checks.Count > 0 && await limits.BeforeRegistryCheckAsync(user.Id, proofingCase.NamHash, proofingCase.NasHash, cancellationToken) is { } locked)
        {
            return StepResult.LockedBy(locked);
        }

        // Asked together: the person waits for the slower registry, not for the sum of both.
        var answers = await Task.WhenAll(checks.Select(check => check()));
        if (answers.Any(a => a.Result.Outcome is RegistryOutcome.Unavailable or RegistryOutcome.TimedOut))
        {
            // Nothing is recorded, not even the answers that came: the person tries the same step again later.
            Touch(proofingCase);
            await db.SaveChangesAsync(cancellationToken);
            return StepResult.Unavailable;
        }

        var anyNoMatch = false;
        foreach (var (kind, result) in answers)
        {
            var matched = result.Outcome == RegistryOutcome.Match;
            anyNoMatch |= !matched;
            AddEvidence(proofingCase, kind, matched ? EvidenceOutcome.Match : EvidenceOutcome.NoMatch, result.Reference);
            if (!matched)
            {
                audit.Record(new IdentityCheckFailed($"{kind} ({result.Registry} {result.Reference})") { Subject = user.Id, Actor = user.Id.ToString() });
            }
        }

        if (answers.Length > 0)
        {
            limits.Record(user.Id, AttemptKind.RegistryCheck, failed: anyNoMatch, proofingCase.NamHash, proofingCase.NasHash);
        }

        var outcome = await AdjudicateAsync(user, proofingCase, person, cancellationToken);
        return anyNoMatch && outcome.Outcome == StepOutcome.Advanced ? StepResult.NoMatch : outcome;
    }

    private async Task<StepResult> AdjudicateAsync(SesameUser user, ProofingCase proofingCase, PersonalInformation person, CancellationToken cancellationToken)
    {
        var adjudication = IdentityAdjudicator.Decide(proofingCase);
        var result = StepResult.Advanced;
        if (adjudication.Decision == AdjudicationDecision.Identified)
        {
            result = await binding.BindAsync(user, proofingCase, person, adjudication, cancellationToken) == BindingOutcome.Bound
                ? new StepResult(StepOutcome.Identified)
                : new StepResult(StepOutcome.AlreadyBound);
            audit.Record(result.Outcome == StepOutcome.Identified
                ? new IdentityVerified(adjudication.Method ?? "") { Subject = user.Id, Actor = user.Id.ToString() }
                : new IdentityCheckFailed("bound-to-another-account") { Subject = user.Id, Actor = user.Id.ToString() });
        }

        Touch(proofingCase);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private void AddEvidence(ProofingCase proofingCase, EvidenceKind kind, EvidenceOutcome outcome, string? reference)
    {
        var evidence = new ProofingEvidence
        {
            Id = Guid.NewGuid(),
            CaseId = proofingCase.Id,
            Kind = kind,
            Outcome = outcome,
            RegistryReference = reference,
            CheckedAt = time.GetUtcNow(),
            Sequence = proofingCase.Evidence.Count == 0 ? 1 : proofingCase.Evidence.Max(e => e.Sequence) + 1,
        };
        // Added to the context as well as to the case: an entity with its key already set and found only
        // through a navigation would be taken for an existing row to update.
        db.ProofingEvidence.Add(evidence);
        proofingCase.Evidence.Add(evidence);
    }

    private void Touch(ProofingCase proofingCase)
    {
        proofingCase.UpdatedAt = time.GetUtcNow();
        proofingCase.Version = Guid.NewGuid();
    }
}
