namespace Sesame.Core.Identity;

/// <summary>The screens of the identification process (seed 001; seed 002's two variants).</summary>
public enum ProofingStep
{
    /// <summary>"Renseignements personnels": what will be asked and why.</summary>
    Introduction,

    /// <summary>"Saisir vos renseignements personnels".</summary>
    PersonalInformation,

    /// <summary>"Compléter le processus d'identification": sections 1 and 2.</summary>
    TwoProofs,

    /// <summary>One proof matched, the other is missing: ask for a postal identification secret.</summary>
    PostalSecretRequest,

    /// <summary>The letter is on its way (or arrived): type the secret back.</summary>
    PostalSecretEntry,

    /// <summary>Seed 002: verification by Revenu Québec alone.</summary>
    RevenuQuebec,

    /// <summary>Seed 002: verification by RAMQ with the activation key.</summary>
    RamqActivationKey,

    /// <summary>Neither proof: the person cannot finish online and is told what else to do.</summary>
    CannotFinishOnline,

    /// <summary>"Processus d'identification terminé".</summary>
    Done,
}

/// <summary>
/// The declarative step graph (architecture.md, principle 3): for each screen, when it is the one the person
/// should be on, and when they may open it at all. Pages never decide this themselves: they ask
/// <see cref="Current"/> and <see cref="MayOpen"/>, so the order of the process lives in this one table.
/// </summary>
public static class ProofingSteps
{
    private sealed record Rule(ProofingStep Step, Func<ProofingState, bool> IsCurrent, Func<ProofingState, bool> MayOpen);

    // Read top to bottom: the first rule whose IsCurrent holds is where the person is.
    private static readonly Rule[] Rules =
    [
        new(ProofingStep.Done, s => s.Identified, s => s.Identified),
        new(ProofingStep.Introduction, s => !s.Started, s => !s.Started),
        new(ProofingStep.PersonalInformation, s => !s.HasPersonalInformation, s => s.Started && !s.Identified),
        new(ProofingStep.RevenuQuebec, s => s.Route == ProofingRoute.RevenuQuebecAlone, s => s.HasPersonalInformation && !s.Identified),
        new(ProofingStep.RamqActivationKey, s => s.Route == ProofingRoute.RamqActivationKey, s => s.HasPersonalInformation && !s.Identified),
        new(ProofingStep.PostalSecretEntry, s => s.PostalSecretPending && s.OneProofMatched, s => s.PostalSecretPending && s.OneProofMatched && !s.Identified),
        new(ProofingStep.PostalSecretRequest, s => s.OneProofMatched && s.OtherSectionMissing, s => s.OneProofMatched && !s.Identified),
        new(ProofingStep.CannotFinishOnline, s => s.NeitherProofAtHand, s => s.NeitherProofAtHand && !s.Identified),
        new(ProofingStep.TwoProofs, _ => true, s => s.HasPersonalInformation && !s.Identified),
    ];

    public static ProofingStep Current(ProofingState state) => Rules.First(r => r.IsCurrent(state)).Step;

    public static bool MayOpen(ProofingStep step, ProofingState state) => Rules.Single(r => r.Step == step).MayOpen(state);
}

/// <summary>The facts about a case that the step graph reads.</summary>
public sealed record ProofingState
{
    public bool Started { get; init; }

    public bool HasPersonalInformation { get; init; }

    public ProofingRoute Route { get; init; }

    public bool Identified { get; init; }

    /// <summary>Exactly one of the two sections matched (seed 001: the other may be replaced by a postal secret).</summary>
    public bool OneProofMatched { get; init; }

    /// <summary>The person said they do not have the other section's document.</summary>
    public bool OtherSectionMissing { get; init; }

    /// <summary>A postal secret was mailed and is still valid.</summary>
    public bool PostalSecretPending { get; init; }

    /// <summary>"Je ne possède pas…" in both sections.</summary>
    public bool NeitherProofAtHand { get; init; }

    public static ProofingState Of(ProofingCase? proofingCase, DateTimeOffset now)
    {
        if (proofingCase is null)
        {
            return new ProofingState();
        }

        var latest = ProofingEvidence.Latest(proofingCase.Evidence).ToDictionary(e => e.Kind, e => e.Outcome);
        bool Matched(EvidenceKind kind) => latest.TryGetValue(kind, out var outcome) && outcome == EvidenceOutcome.Match;
        var first = Matched(EvidenceKind.NoticeOfAssessmentRecent);
        var second = Matched(EvidenceKind.HealthCardReference) || Matched(EvidenceKind.LicenceReference);
        return new ProofingState
        {
            Started = true,
            HasPersonalInformation = proofingCase.PersonalData is not null,
            Route = proofingCase.Route,
            Identified = proofingCase.Status == ProofingStatus.Identified,
            OneProofMatched = first ^ second,
            OtherSectionMissing = (first && proofingCase.SecondSection == SecondSectionChoice.NoneAtHand)
                || (second && proofingCase.FirstSection == FirstSectionChoice.NoneAtHand),
            PostalSecretPending = proofingCase.PostalSecretHash is not null && proofingCase.PostalSecretExpiresAt > now,
            NeitherProofAtHand = proofingCase.FirstSection == FirstSectionChoice.NoneAtHand
                && proofingCase.SecondSection == SecondSectionChoice.NoneAtHand,
        };
    }
}
