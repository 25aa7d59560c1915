using Sesame.Core.Identity;
using static Sesame.Core.Tests.Identity.IdentityAdjudicatorTests;

namespace Sesame.Core.Tests.Identity;

/// <summary>The step graph: where a person is, and which screens they may open from there.</summary>
public sealed class ProofingStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_person_goes_from_the_introduction_to_personal_information_then_to_the_proofs()
    {
        Assert.Equal(ProofingStep.Introduction, ProofingSteps.Current(ProofingState.Of(null, Now)));
        Assert.False(ProofingSteps.MayOpen(ProofingStep.TwoProofs, ProofingState.Of(null, Now)));

        var proofing = Case(ProofingRoute.TwoProofs);
        Assert.Equal(ProofingStep.PersonalInformation, ProofingSteps.Current(ProofingState.Of(proofing, Now)));
        Assert.False(ProofingSteps.MayOpen(ProofingStep.TwoProofs, ProofingState.Of(proofing, Now)));

        proofing.PersonalData = [1];
        Assert.Equal(ProofingStep.TwoProofs, ProofingSteps.Current(ProofingState.Of(proofing, Now)));
        Assert.True(ProofingSteps.MayOpen(ProofingStep.PersonalInformation, ProofingState.Of(proofing, Now)));
        Assert.False(ProofingSteps.MayOpen(ProofingStep.Done, ProofingState.Of(proofing, Now)));
    }

    [Fact]
    public void One_proof_and_the_other_missing_leads_to_the_postal_secret_then_to_its_entry()
    {
        var proofing = Case(ProofingRoute.TwoProofs, Match(EvidenceKind.HealthCardReference, "RAMQ-1"));
        proofing.PersonalData = [1];
        proofing.FirstSection = FirstSectionChoice.NoneAtHand;
        Assert.Equal(ProofingStep.PostalSecretRequest, ProofingSteps.Current(ProofingState.Of(proofing, Now)));
        Assert.False(ProofingSteps.MayOpen(ProofingStep.PostalSecretEntry, ProofingState.Of(proofing, Now)));

        proofing.PostalSecretHash = [1];
        proofing.PostalSecretExpiresAt = Now.AddDays(30);
        Assert.Equal(ProofingStep.PostalSecretEntry, ProofingSteps.Current(ProofingState.Of(proofing, Now)));
        // Thirty days later the letter is worth nothing: back to asking for one.
        Assert.Equal(ProofingStep.PostalSecretRequest, ProofingSteps.Current(ProofingState.Of(proofing, Now.AddDays(30))));
    }

    [Fact]
    public void A_seed_002_route_has_its_own_screen_and_identified_people_only_see_the_end()
    {
        var proofing = Case(ProofingRoute.RamqActivationKey);
        proofing.PersonalData = [1];
        Assert.Equal(ProofingStep.RamqActivationKey, ProofingSteps.Current(ProofingState.Of(proofing, Now)));
        proofing.Route = ProofingRoute.RevenuQuebecAlone;
        Assert.Equal(ProofingStep.RevenuQuebec, ProofingSteps.Current(ProofingState.Of(proofing, Now)));

        proofing.Status = ProofingStatus.Identified;
        var identified = ProofingState.Of(proofing, Now);
        Assert.Equal(ProofingStep.Done, ProofingSteps.Current(identified));
        Assert.All(Enum.GetValues<ProofingStep>().Where(s => s != ProofingStep.Done), step => Assert.False(ProofingSteps.MayOpen(step, identified)));
    }

    [Fact]
    public void Neither_proof_at_hand_is_its_own_screen()
    {
        var proofing = Case(ProofingRoute.TwoProofs);
        proofing.PersonalData = [1];
        proofing.FirstSection = FirstSectionChoice.NoneAtHand;
        proofing.SecondSection = SecondSectionChoice.NoneAtHand;
        Assert.Equal(ProofingStep.CannotFinishOnline, ProofingSteps.Current(ProofingState.Of(proofing, Now)));
        Assert.True(ProofingSteps.MayOpen(ProofingStep.TwoProofs, ProofingState.Of(proofing, Now)));
    }
}
