using System.Net;
using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary>
/// <c>POST ramq/v1/letters</c> (docs/registries.md): a letter to the address RAMQ holds, found by NAM, names and date of
/// birth; <c>Idempotency-Key</c> honoured. The letters land in the simulated mail room (<c>courrier.json</c>).
/// </summary>
[Collection(SharedSimulatorCollection.Name)]
public sealed class RamqLetterTests(SharedSimulator shared)
{
    private SimulatorHost Host => shared.Host;

    [Fact]
    public async Task A_postal_secret_letter_goes_to_the_persons_address_with_the_secret()
    {
        var person = Someone(0);
        var secret = NewSecret();

        var answer = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person, secret), Guid.NewGuid().ToString());

        Assert.Equal("sent", answer.Outcome);
        var letter = (await Host.LettersAsync())[0];
        Assert.Equal(("postal-secret", person.FullName, person.Address, secret), (letter.Kind, letter.Recipient, letter.Address, letter.Secret));
        Assert.Contains(secret, letter.Content, StringComparison.Ordinal);
        Assert.Equal(SimulatorHost.Start, letter.SentAt);
    }

    [Fact]
    public async Task A_letter_for_a_person_ramq_does_not_find_is_no_match_and_mails_nothing()
    {
        var person = Someone(1);
        var before = (await Host.LettersAsync()).Count;

        var otherNames = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person with { GivenNames = "Personne", FamilyName = "Inconnue" }, NewSecret()));
        var otherBirth = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(person with { BirthDate = person.BirthDate.AddYears(1) }));
        // A valid NAM for the same names and birth date that nobody holds (sequence digit 9).
        var nobodys = Sesame.Core.Identity.Identifiers.HealthInsuranceNumber.Compose(person.FamilyName, person.GivenNames, person.BirthDate, person.Female, 9);
        Assert.Null(Host.Population.ByNam(nobodys));
        var unknownNam = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(person with { Nam = nobodys }));

        Assert.Equal(["no_match", "no_match", "no_match"], [otherNames.Outcome, otherBirth.Outcome, unknownNam.Outcome]);
        Assert.Equal(before, (await Host.LettersAsync()).Count);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_gets_the_first_answer_and_mails_one_letter()
    {
        var person = Someone(2);
        var secret = NewSecret();
        var key = Guid.NewGuid().ToString();

        var first = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person, secret), key);
        var second = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person, secret), key);

        Assert.Equal(first, second);
        Assert.Single(await Host.LettersAsync(), l => l.Secret == secret);
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_many_times_at_once_mails_one_letter()
    {
        var person = Someone(3);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(person), key)));

        Assert.Single(answers.Distinct());
        Assert.Single(await Host.LettersAsync(), l => l.Recipient == person.FullName);
    }

    [Fact]
    public async Task Another_idempotency_key_or_none_is_another_letter()
    {
        var person = Someone(4);
        var secret = NewSecret();

        var first = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person, secret), Guid.NewGuid().ToString());
        var second = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person, secret), Guid.NewGuid().ToString());
        var third = await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(person, secret));

        Assert.Equal(3, new[] { first.Reference, second.Reference, third.Reference }.Distinct().Count());
        Assert.Equal(3, (await Host.LettersAsync()).Count(l => l.Secret == secret));
    }

    [Fact]
    public async Task The_activation_key_from_the_letter_matches_and_a_new_letter_replaces_it()
    {
        var person = Someone(5);

        Assert.Equal("sent", (await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(person), Guid.NewGuid().ToString())).Outcome);
        var letter = (await Host.LettersAsync()).First(l => l.Recipient == person.FullName);
        Assert.Equal("activation-key", letter.Kind);
        Assert.Matches("^[0-9]{4}$", letter.Secret);
        Assert.Contains($"activation : {letter.Secret}", letter.Content, StringComparison.Ordinal);
        var firstKey = letter.Secret;

        var match = await Host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(person, firstKey));
        Assert.Equal("match", match.Outcome);

        // A second letter: RAMQ's last key only (seed 002). Keys are random: ask until the new one differs.
        string secondKey;
        do
        {
            await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(person), Guid.NewGuid().ToString());
            secondKey = (await Host.LettersAsync()).First(l => l.Recipient == person.FullName).Secret;
        }
        while (secondKey == firstKey);

        var old = await Host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(person, firstKey));
        var current = await Host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(person, secondKey));
        Assert.Equal(["no_match", "match"], [old.Outcome, current.Outcome]);
    }

    [Fact]
    public async Task The_activation_key_needs_the_cards_sequential_number_and_expiry_and_belongs_to_its_person()
    {
        var person = Someone(6);
        var other = Someone(7);
        await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(person), Guid.NewGuid().ToString());
        var key = (await Host.LettersAsync()).First(l => l.Recipient == person.FullName).Secret;
        var otherSequential = person.Card.SequentialNumber == "09" ? "08" : "09";
        var otherExpiry = person.Card.Expiry.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var otherKey = key == "0000" ? "0001" : "0000";

        var outcomes = new List<string>();
        foreach (var body in new[]
        {
            ActivationKeyOf(person, key, sequentialNumber: otherSequential),
            ActivationKeyOf(person, key, expiry: otherExpiry),
            ActivationKeyOf(person, otherKey),
            ActivationKeyOf(other, key),
            ActivationKeyOf(person, key),
        })
        {
            outcomes.Add((await Host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, body)).Outcome);
        }

        Assert.Equal(["no_match", "no_match", "no_match", "no_match", "match"], outcomes);
    }

    [Fact]
    public async Task Without_a_letter_no_activation_key_matches()
    {
        var person = Someone(8);

        var answer = await Host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(person, "1234"));

        Assert.Equal("no_match", answer.Outcome);
    }

    [Fact]
    public async Task A_letter_request_that_breaks_the_contract_mails_nothing()
    {
        var person = Someone(9);
        var before = (await Host.LettersAsync()).Count;

        using var response = await Host.PostAsync(Letters, SimulatorHost.RamqKey, new
        {
            kind = "activation-key",
            nam = person.Nam,
            givenName = person.GivenNames,
            familyName = person.FamilyName,
            birthDate = Date(person.BirthDate),
            secret = NewSecret(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await Host.LettersAsync()).Count);
    }

    /// <summary>A different generated person for each test (their letters and keys do not cross), with a current card.</summary>
    private SyntheticPerson Someone(int index) => Host.Population.People[100 + index * 7];
}
