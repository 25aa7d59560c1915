using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>
/// The adapters' logs name the registry, the operation and the outcome, never what the person sent
/// (quality.md: personal information never reaches logs), at every level, on success and on failure.
/// </summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class RegistryLogTests(RegistrySimulatorFixture simulator)
{
    [Fact]
    public async Task A_card_verification_a_notice_verification_and_letters_log_no_personal_information()
    {
        var marie = Demo.Marie;
        var secret = RamqRegistryTests.NewSecret();
        using var logs = new CapturedLogs();
        using var adapters = simulator.CreateAdapters(logs: logs);
        var ramq = adapters.GetRequiredService<IRamqRegistry>();

        var card = await ramq.VerifyCardAsync(
            new CardVerification(marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Card.ReferenceNumber!), CancellationToken.None);
        var letter = await ramq.MailLetterAsync(
            new LetterRequest(LetterKind.PostalSecret, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, secret), CancellationToken.None);
        var keyLetter = await ramq.MailLetterAsync(
            new LetterRequest(LetterKind.ActivationKey, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, null), CancellationToken.None);
        var key = RamqRegistryTests.ActivationKeyIn((await simulator.LettersAsync())[0].Content);
        var activation = await ramq.VerifyActivationKeyAsync(
            new ActivationKeyVerification(marie.Nam, marie.Card.SequentialNumber, marie.Card.Expiry.Year, marie.Card.Expiry.Month, key), CancellationToken.None);
        var notice = await adapters.GetRequiredService<IRevenuQuebecRegistry>().VerifyNoticeAsync(
            new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Notices[0].Number, Demo.Year - 2, Demo.Year - 1),
            CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, card.Outcome);
        Assert.Equal(RegistryOutcome.Sent, letter.Outcome);
        Assert.Equal(RegistryOutcome.Sent, keyLetter.Outcome);
        Assert.Equal(RegistryOutcome.Match, activation.Outcome);
        Assert.Equal(RegistryOutcome.Match, notice.Outcome);
        // The calls were logged, with what an operator needs: the registry, the operation, the outcome, the reference.
        Assert.Contains(logs.Lines, l => l.Contains("Registry Ramq card-verification: Match", StringComparison.Ordinal)
            && l.Contains(card.Reference!, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Registry Ramq letter: Sent", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Registry RevenuQuebec notice-verification: Match", StringComparison.Ordinal));
        AssertNothingPersonal(logs, secret);
    }

    [Fact]
    public async Task A_failed_call_logs_the_failure_and_still_no_personal_information()
    {
        var marie = Demo.Marie;
        var secret = RamqRegistryTests.NewSecret();
        using var logs = new CapturedLogs();
        using var adapters = simulator.CreateAdapters(logs: logs);
        var ramq = adapters.GetRequiredService<IRamqRegistry>();
        await simulator.SetFaultAsync("ramq", "error");
        try
        {
            var card = await ramq.VerifyCardAsync(
                new CardVerification(marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Card.ReferenceNumber!), CancellationToken.None);
            var letter = await ramq.MailLetterAsync(
                new LetterRequest(LetterKind.PostalSecret, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, secret), CancellationToken.None);

            Assert.Equal(RegistryOutcome.Unavailable, card.Outcome);
            Assert.Equal(RegistryOutcome.Unavailable, letter.Outcome);
        }
        finally
        {
            await simulator.SetFaultAsync("ramq", "none");
        }

        Assert.Contains(logs.Lines, l => l.Contains("Registry Ramq card-verification: Unavailable", StringComparison.Ordinal)
            && l.Contains("HTTP 500", StringComparison.Ordinal));
        AssertNothingPersonal(logs, secret);
    }

    private static void AssertNothingPersonal(CapturedLogs logs, string secret)
    {
        var marie = Demo.Marie;
        string[] personal =
        [
            marie.Nam, marie.Nas, marie.GivenNames, marie.FamilyName, Demo.Date(marie.BirthDate), marie.Card.ReferenceNumber!,
            marie.Notices[0].Number, marie.LicenceReference!, secret, RegistrySimulatorFixture.RamqKey, RegistrySimulatorFixture.RevenuQuebecKey,
        ];
        Assert.NotEmpty(logs.Lines);
        foreach (var value in personal)
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }
}
