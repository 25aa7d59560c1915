namespace Sesame.Core.Identity;

public enum AdjudicationDecision
{
    /// <summary>The proofs suffice: the person is identified.</summary>
    Identified,

    /// <summary>Not yet: more proof is needed (or a proof must be typed again).</summary>
    Incomplete,

    /// <summary>What the person has cannot identify them online (seed 001: neither proof).</summary>
    CannotFinishOnline,
}

/// <summary>A decision and the reasons behind it, kept with the verified identity.</summary>
public sealed record Adjudication(AdjudicationDecision Decision, string? Method, IReadOnlyList<string> Reasons)
{
    /// <summary>Whether NAM and NAS were confirmed by the registry that holds them (only those are bound).</summary>
    public bool NamConfirmed { get; init; }

    public bool NasConfirmed { get; init; }
}

/// <summary>
/// The one place that decides whether a person is identified (architecture.md, principle 3), from the
/// registries' answers gathered on the case. Seed 001: a notice of assessment of the two most recent tax years
/// and the health card or licence reference number, or either of them and the postal identification secret.
/// Seed 002: Revenu Québec alone (a notice of the last five years), or RAMQ alone with its activation key.
/// </summary>
public static class IdentityAdjudicator
{
    public static Adjudication Decide(ProofingCase proofingCase)
    {
        var matched = ProofingEvidence.Latest(proofingCase.Evidence)
            .Where(e => e.Outcome == EvidenceOutcome.Match)
            .ToDictionary(e => e.Kind);
        var reasons = matched.Values.OrderBy(e => e.Kind)
            .Select(e => $"{Name(e.Kind)}:match:{e.RegistryReference}")
            .ToList();

        switch (proofingCase.Route)
        {
            case ProofingRoute.RevenuQuebecAlone:
                return matched.ContainsKey(EvidenceKind.NoticeOfAssessmentFiveYears)
                    ? new(AdjudicationDecision.Identified, "revenu-quebec", reasons) { NasConfirmed = true }
                    : new(AdjudicationDecision.Incomplete, null, reasons);

            case ProofingRoute.RamqActivationKey:
                return matched.ContainsKey(EvidenceKind.RamqActivationKey)
                    ? new(AdjudicationDecision.Identified, "ramq-activation-key", reasons) { NamConfirmed = true }
                    : new(AdjudicationDecision.Incomplete, null, reasons);
        }

        var notice = matched.ContainsKey(EvidenceKind.NoticeOfAssessmentRecent);
        var card = matched.ContainsKey(EvidenceKind.HealthCardReference);
        var licence = matched.ContainsKey(EvidenceKind.LicenceReference);
        // A postal secret is recorded as a match only when typed back while its letter is valid (30 days).
        var postal = matched.ContainsKey(EvidenceKind.PostalSecret);
        var second = card ? "health-card" : licence ? "licence" : null;

        if (notice && second is not null)
        {
            return new(AdjudicationDecision.Identified, $"notice+{second}", reasons) { NasConfirmed = true, NamConfirmed = card };
        }

        if (postal && (notice || second is not null))
        {
            // The letter went to the address RAMQ holds for the NAM, names and birth date typed: RAMQ found
            // that person, which confirms the NAM as well.
            return new(AdjudicationDecision.Identified, $"{(notice ? "notice" : second)}+postal-secret", reasons)
            {
                NasConfirmed = notice,
                NamConfirmed = true,
            };
        }

        if (proofingCase.FirstSection == FirstSectionChoice.NoneAtHand && proofingCase.SecondSection == SecondSectionChoice.NoneAtHand)
        {
            return new(AdjudicationDecision.CannotFinishOnline, null, ["no-proof-at-hand"]);
        }

        return new(AdjudicationDecision.Incomplete, null, reasons);
    }

    private static string Name(EvidenceKind kind) => kind switch
    {
        EvidenceKind.NoticeOfAssessmentRecent => "notice-2y",
        EvidenceKind.NoticeOfAssessmentFiveYears => "notice-5y",
        EvidenceKind.HealthCardReference => "health-card",
        EvidenceKind.LicenceReference => "licence",
        EvidenceKind.RamqActivationKey => "ramq-activation-key",
        EvidenceKind.PostalSecret => "postal-secret",
        _ => kind.ToString(),
    };
}
