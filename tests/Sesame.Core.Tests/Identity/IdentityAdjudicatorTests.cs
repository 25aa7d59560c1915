using Sesame.Core.Identity;

namespace Sesame.Core.Tests.Identity;

/// <summary>The one place that decides (mission.md §2; seeds 001 and 002), with its reasons.</summary>
public sealed class IdentityAdjudicatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(EvidenceKind.HealthCardReference, "notice+health-card", true)]
    [InlineData(EvidenceKind.LicenceReference, "notice+licence", false)]
    public void A_recent_notice_and_a_reference_number_identify(EvidenceKind second, string method, bool namConfirmed)
    {
        var decision = IdentityAdjudicator.Decide(Case(ProofingRoute.TwoProofs,
            Match(EvidenceKind.NoticeOfAssessmentRecent, "RQ-1"), Match(second, "REF-2")));

        Assert.Equal(AdjudicationDecision.Identified, decision.Decision);
        Assert.Equal(method, decision.Method);
        Assert.True(decision.NasConfirmed);
        Assert.Equal(namConfirmed, decision.NamConfirmed);
        Assert.Contains("notice-2y:match:RQ-1", decision.Reasons);
    }

    [Fact]
    public void One_proof_alone_is_not_enough_until_the_postal_secret_comes_back()
    {
        var proofing = Case(ProofingRoute.TwoProofs, Match(EvidenceKind.NoticeOfAssessmentRecent, "RQ-1"));
        proofing.SecondSection = SecondSectionChoice.NoneAtHand;
        Assert.Equal(AdjudicationDecision.Incomplete, IdentityAdjudicator.Decide(proofing).Decision);

        proofing.Evidence.Add(Match(EvidenceKind.PostalSecret, null));
        var decision = IdentityAdjudicator.Decide(proofing);
        Assert.Equal(AdjudicationDecision.Identified, decision.Decision);
        Assert.Equal("notice+postal-secret", decision.Method);
        Assert.True(decision.NamConfirmed);
    }

    [Fact]
    public void The_latest_answer_of_a_kind_counts_even_within_one_instant()
    {
        var sameInstant = Case(ProofingRoute.RamqActivationKey, NoMatch(EvidenceKind.RamqActivationKey), Match(EvidenceKind.RamqActivationKey, "RAMQ-1"));
        Assert.Equal(AdjudicationDecision.Identified, IdentityAdjudicator.Decide(sameInstant).Decision);

        var proofing = Case(ProofingRoute.TwoProofs,
            Match(EvidenceKind.NoticeOfAssessmentRecent, "RQ-1"),
            Match(EvidenceKind.HealthCardReference, "RAMQ-1", at: Now.AddMinutes(-5)),
            NoMatch(EvidenceKind.HealthCardReference, at: Now));
        Assert.Equal(AdjudicationDecision.Incomplete, IdentityAdjudicator.Decide(proofing).Decision);
    }

    [Fact]
    public void No_match_answers_never_identify()
    {
        var proofing = Case(ProofingRoute.TwoProofs, NoMatch(EvidenceKind.NoticeOfAssessmentRecent), NoMatch(EvidenceKind.HealthCardReference));
        Assert.Equal(AdjudicationDecision.Incomplete, IdentityAdjudicator.Decide(proofing).Decision);
    }

    [Fact]
    public void Neither_proof_at_hand_cannot_finish_online()
    {
        var proofing = Case(ProofingRoute.TwoProofs);
        proofing.FirstSection = FirstSectionChoice.NoneAtHand;
        proofing.SecondSection = SecondSectionChoice.NoneAtHand;
        Assert.Equal(AdjudicationDecision.CannotFinishOnline, IdentityAdjudicator.Decide(proofing).Decision);
    }

    [Fact]
    public void Revenu_quebec_alone_needs_a_notice_of_the_five_year_window()
    {
        Assert.Equal(AdjudicationDecision.Incomplete,
            IdentityAdjudicator.Decide(Case(ProofingRoute.RevenuQuebecAlone, Match(EvidenceKind.NoticeOfAssessmentRecent, "RQ-1"))).Decision);
        var decision = IdentityAdjudicator.Decide(Case(ProofingRoute.RevenuQuebecAlone, Match(EvidenceKind.NoticeOfAssessmentFiveYears, "RQ-2")));
        Assert.Equal(AdjudicationDecision.Identified, decision.Decision);
        Assert.True(decision.NasConfirmed);
        Assert.False(decision.NamConfirmed);
    }

    [Fact]
    public void A_five_year_notice_does_not_count_as_one_of_the_two_proofs()
    {
        var proofing = Case(ProofingRoute.TwoProofs, Match(EvidenceKind.NoticeOfAssessmentFiveYears, "RQ-1"), Match(EvidenceKind.HealthCardReference, "RAMQ-1"));
        Assert.Equal(AdjudicationDecision.Incomplete, IdentityAdjudicator.Decide(proofing).Decision);
    }

    [Fact]
    public void Ramq_alone_needs_the_activation_key()
    {
        Assert.Equal(AdjudicationDecision.Incomplete,
            IdentityAdjudicator.Decide(Case(ProofingRoute.RamqActivationKey, Match(EvidenceKind.HealthCardReference, "RAMQ-1"))).Decision);
        var decision = IdentityAdjudicator.Decide(Case(ProofingRoute.RamqActivationKey, Match(EvidenceKind.RamqActivationKey, "RAMQ-2")));
        Assert.Equal(AdjudicationDecision.Identified, decision.Decision);
        Assert.Equal("ramq-activation-key", decision.Method);
        Assert.True(decision.NamConfirmed);
    }

    internal static ProofingCase Case(ProofingRoute route, params ProofingEvidence[] evidence) =>
        new() { Id = Guid.NewGuid(), Route = route, Evidence = [.. evidence] };

    private static int _sequence;

    internal static ProofingEvidence Match(EvidenceKind kind, string? reference, DateTimeOffset? at = null) =>
        new() { Id = Guid.NewGuid(), Kind = kind, Outcome = EvidenceOutcome.Match, RegistryReference = reference, CheckedAt = at ?? Now, Sequence = Interlocked.Increment(ref _sequence) };

    internal static ProofingEvidence NoMatch(EvidenceKind kind, DateTimeOffset? at = null) =>
        new() { Id = Guid.NewGuid(), Kind = kind, Outcome = EvidenceOutcome.NoMatch, CheckedAt = at ?? Now, Sequence = Interlocked.Increment(ref _sequence) };
}
