using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>The RAMQ's card verification, activation key and letters through Sesame's adapter, against the simulator.</summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed partial class RamqRegistryTests(RegistrySimulatorFixture simulator)
{
    private IRamqRegistry Registry => simulator.Adapters.GetRequiredService<IRamqRegistry>();

    [Fact]
    public async Task Marie_Tremblays_card_reference_number_matches()
    {
        var marie = Demo.Marie;

        var result = await Registry.VerifyCardAsync(
            new CardVerification(marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Card.ReferenceNumber!), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, result.Outcome);
        Assert.Equal("Ramq", result.Registry);
        Assert.Matches("^RAMQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", result.Reference);
    }

    [Fact]
    public async Task Another_cards_reference_number_or_a_card_without_one_does_not_match()
    {
        var marie = Demo.Marie;
        var luc = Demo.Luc;
        var genuine = new CardVerification(marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Card.ReferenceNumber!);

        var othersCard = await Registry.VerifyCardAsync(genuine with { ReferenceNumber = Demo.Anne.Card.ReferenceNumber! }, CancellationToken.None);
        var oneDigitOff = await Registry.VerifyCardAsync(genuine with { ReferenceNumber = OneDigitOff(marie.Card.ReferenceNumber!) }, CancellationToken.None);
        // Luc's card is from before 2018: no reference number can match it.
        var noReference = await Registry.VerifyCardAsync(
            new CardVerification(luc.Nam, luc.GivenNames, luc.FamilyName, luc.BirthDate, marie.Card.ReferenceNumber!), CancellationToken.None);

        Assert.Equal(RegistryOutcome.NoMatch, othersCard.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, oneDigitOff.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, noReference.Outcome);
        Assert.All([othersCard, oneDigitOff, noReference], r => Assert.NotNull(r.Reference));
    }

    [Fact]
    public async Task Two_card_verifications_get_two_different_reference_ids()
    {
        var marie = Demo.Marie;
        var verification = new CardVerification(marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Card.ReferenceNumber!);

        var first = await Registry.VerifyCardAsync(verification, CancellationToken.None);
        var second = await Registry.VerifyCardAsync(verification, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(first.Reference));
        Assert.False(string.IsNullOrEmpty(second.Reference));
        Assert.NotEqual(first.Reference, second.Reference);
    }

    [Fact]
    public async Task A_postal_secret_letter_is_sent_to_the_address_ramq_holds_and_carries_the_secret()
    {
        var marie = Demo.Marie;
        var secret = NewSecret();

        var result = await Registry.MailLetterAsync(
            new LetterRequest(LetterKind.PostalSecret, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, secret), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Sent, result.Outcome);
        Assert.True(result.Answered);
        Assert.StartsWith("RAMQ-", result.Reference, StringComparison.Ordinal);
        var letter = Assert.Single(await simulator.LettersAsync(), l => l.Content.Contains(secret, StringComparison.Ordinal));
        Assert.Equal("postal-secret", letter.Kind);
        Assert.Equal("Marie Tremblay", letter.Recipient);
        Assert.Equal(marie.Address, letter.Address);
    }

    [Fact]
    public async Task The_key_of_an_activation_key_letter_verifies_and_a_wrong_key_does_not()
    {
        var marie = Demo.Marie;
        var before = (await simulator.LettersAsync()).Count;

        var sent = await Registry.MailLetterAsync(
            new LetterRequest(LetterKind.ActivationKey, marie.Nam, marie.GivenNames, marie.FamilyName, marie.BirthDate, Secret: null), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Sent, sent.Outcome);
        var letters = await simulator.LettersAsync();
        Assert.Equal(before + 1, letters.Count);
        var letter = letters[0];
        Assert.Equal("activation-key", letter.Kind);
        Assert.Equal("Marie Tremblay", letter.Recipient);
        var key = ActivationKeyIn(letter.Content);

        var check = new ActivationKeyVerification(marie.Nam, marie.Card.SequentialNumber, marie.Card.Expiry.Year, marie.Card.Expiry.Month, key);
        var right = await Registry.VerifyActivationKeyAsync(check, CancellationToken.None);
        var wrong = await Registry.VerifyActivationKeyAsync(check with { ActivationKey = OneDigitOff(key) }, CancellationToken.None);
        var otherCard = await Registry.VerifyActivationKeyAsync(check with { SequentialNumber = "99" }, CancellationToken.None);
        var otherExpiry = await Registry.VerifyActivationKeyAsync(check with { ExpiryYear = check.ExpiryYear + 1 }, CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, right.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, wrong.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, otherCard.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, otherExpiry.Outcome);
    }

    [Fact]
    public async Task A_letter_for_a_nam_ramq_does_not_know_is_no_match_and_nothing_is_mailed()
    {
        var marie = Demo.Marie;
        // A valid NAM (sequence digit 2) that belongs to nobody in the simulator.
        var unknown = HealthInsuranceNumber.Compose(marie.FamilyName, marie.GivenNames, marie.BirthDate, marie.Female, 2);
        Assert.Null(simulator.Population.ByNam(unknown));
        var before = (await simulator.LettersAsync()).Count;

        var secretLetter = await Registry.MailLetterAsync(
            new LetterRequest(LetterKind.PostalSecret, unknown, marie.GivenNames, marie.FamilyName, marie.BirthDate, NewSecret()), CancellationToken.None);
        var keyLetter = await Registry.MailLetterAsync(
            new LetterRequest(LetterKind.ActivationKey, unknown, marie.GivenNames, marie.FamilyName, marie.BirthDate, Secret: null), CancellationToken.None);

        Assert.Equal(RegistryOutcome.NoMatch, secretLetter.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, keyLetter.Outcome);
        Assert.Equal(before, (await simulator.LettersAsync()).Count);
    }

    [Fact]
    public async Task A_letter_for_a_known_nam_with_another_persons_names_is_no_match_and_nothing_is_mailed()
    {
        var marie = Demo.Marie;
        var before = (await simulator.LettersAsync()).Count;

        var result = await Registry.MailLetterAsync(
            new LetterRequest(LetterKind.PostalSecret, marie.Nam, Demo.Luc.GivenNames, Demo.Luc.FamilyName, marie.BirthDate, NewSecret()), CancellationToken.None);

        Assert.Equal(RegistryOutcome.NoMatch, result.Outcome);
        Assert.Equal(before, (await simulator.LettersAsync()).Count);
    }

    /// <summary>A synthetic postal secret, different on every call so that the letter carrying it is ours.</summary>
    internal static string NewSecret()
    {
        var letters = Guid.NewGuid().ToString("N").ToUpperInvariant();
        return $"{letters[..5]}-{letters[5..10]}";
    }

    internal static string ActivationKeyIn(string content)
    {
        var match = ActivationKey().Match(content);
        Assert.True(match.Success, content);
        return match.Groups[1].Value;
    }

    private static string OneDigitOff(string digits) =>
        digits[..^1] + ((digits[^1] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(\d{4})\b")]
    private static partial Regex ActivationKey();
}
