using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>
/// What a failing registry looks like to Sesame (docs/registries.md, "An outage is not a no match"): a 5xx, a
/// dropped connection or a rejected credential is Unavailable, no answer in time is TimedOut, never NoMatch;
/// the caller's own cancellation stays an exception. Each test has its own adapters (its own circuit breakers).
/// </summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class RegistryClientTests(RegistrySimulatorFixture simulator)
{
    [Theory]
    [InlineData("error", RegistryOutcome.Unavailable)]
    [InlineData("down", RegistryOutcome.Unavailable)]
    [InlineData("slow", RegistryOutcome.TimedOut)]
    public async Task A_failing_registry_is_unavailable_or_timed_out_never_a_no_match(string fault, RegistryOutcome expected)
    {
        using var adapters = simulator.CreateAdapters();
        await simulator.SetFaultAsync("ramq", fault);
        try
        {
            var result = await adapters.GetRequiredService<IRamqRegistry>().VerifyCardAsync(MariesCard(), CancellationToken.None);

            Assert.Equal(expected, result.Outcome);
            Assert.False(result.Answered);
            Assert.Null(result.Reference);
            Assert.Equal("Ramq", result.Registry);
        }
        finally
        {
            await simulator.SetFaultAsync("ramq", "none");
        }
    }

    [Theory]
    [InlineData("error")]
    [InlineData("down")]
    public async Task A_letter_to_a_failing_registry_is_unavailable_and_not_mailed(string fault)
    {
        using var adapters = simulator.CreateAdapters();
        var marie = Demo.Marie;
        var secret = RamqRegistryTests.NewSecret();
        await simulator.SetFaultAsync("ramq", fault);
        try
        {
            var result = await adapters.GetRequiredService<IRamqRegistry>().MailLetterAsync(
                new LetterRequest(LetterKind.PostalSecret, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, secret), CancellationToken.None);

            Assert.Equal(RegistryOutcome.Unavailable, result.Outcome);
        }
        finally
        {
            await simulator.SetFaultAsync("ramq", "none");
        }

        Assert.DoesNotContain(await simulator.LettersAsync(), l => l.Content.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_the_fault_is_cleared_the_registry_answers_again()
    {
        using var adapters = simulator.CreateAdapters();
        var ramq = adapters.GetRequiredService<IRamqRegistry>();
        await simulator.SetFaultAsync("ramq", "error");
        RegistryResult during;
        try
        {
            during = await ramq.VerifyCardAsync(MariesCard(), CancellationToken.None);
        }
        finally
        {
            await simulator.SetFaultAsync("ramq", "none");
        }

        var after = await ramq.VerifyCardAsync(MariesCard(), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Unavailable, during.Outcome);
        Assert.Equal(RegistryOutcome.Match, after.Outcome);
    }

    [Fact]
    public async Task A_fault_on_the_ramq_does_not_affect_revenu_quebec_or_the_saaq()
    {
        using var adapters = simulator.CreateAdapters();
        var marie = Demo.Marie;
        await simulator.SetFaultAsync("ramq", "error");
        try
        {
            var ramq = await adapters.GetRequiredService<IRamqRegistry>().VerifyCardAsync(MariesCard(), CancellationToken.None);
            var revenuQuebec = await adapters.GetRequiredService<IRevenuQuebecRegistry>().VerifyNoticeAsync(
                new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Notices[0].Number, Demo.Year - 2, Demo.Year - 1),
                CancellationToken.None);
            var saaq = await adapters.GetRequiredService<ISaaqRegistry>().VerifyLicenceAsync(
                new LicenceVerification(marie.LicenceReference!, marie.GivenNames, marie.FamilyName, marie.BirthDate), CancellationToken.None);

            Assert.Equal(RegistryOutcome.Unavailable, ramq.Outcome);
            Assert.Equal(RegistryOutcome.Match, revenuQuebec.Outcome);
            Assert.Equal(RegistryOutcome.Match, saaq.Outcome);
        }
        finally
        {
            await simulator.SetFaultAsync("ramq", "none");
        }
    }

    [Fact]
    public async Task A_wrong_credential_is_unavailable_to_sesame_and_401_at_the_registry()
    {
        using var adapters = simulator.CreateAdapters(settings => settings["Ramq:ApiKey"] = "not-the-ramq-key");
        var marie = Demo.Marie;

        var result = await adapters.GetRequiredService<IRamqRegistry>().VerifyCardAsync(MariesCard(), CancellationToken.None);
        var json = $$"""
            {"nam":"{{marie.Nam}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{Demo.Date(marie.BirthDate)}}","referenceNumber":"{{marie.Card.ReferenceNumber}}"}
            """;
        using var wrongKey = await simulator.PostAsync("ramq/v1/card-verifications", "not-the-ramq-key", json);
        using var rightKey = await simulator.PostAsync("ramq/v1/card-verifications", RegistrySimulatorFixture.RamqKey, json);

        Assert.Equal(RegistryOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Reference);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);
    }

    [Fact]
    public async Task The_callers_cancellation_is_thrown_not_turned_into_an_outcome()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var marie = Demo.Marie;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            simulator.Adapters.GetRequiredService<IRamqRegistry>().VerifyCardAsync(MariesCard(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            simulator.Adapters.GetRequiredService<IRamqRegistry>().MailLetterAsync(
                new LetterRequest(LetterKind.ActivationKey, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, null), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            simulator.Adapters.GetRequiredService<ISaaqRegistry>().VerifyLicenceAsync(
                new LicenceVerification(marie.LicenceReference!, marie.GivenNames, marie.FamilyName, marie.BirthDate), cancelled.Token));
    }

    private static CardVerification MariesCard()
    {
        var marie = Demo.Marie;
        return new CardVerification(marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Card.ReferenceNumber!);
    }
}
