using Sesame.Core.Identity.Identifiers;
using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary>
/// <c>POST ramq/v1/card-verifications</c> (docs/registries.md): the reference number of the person's current card, which
/// only cards issued since January 2018 carry (seed 001); names compared as typed from the card.
/// </summary>
[Collection(SharedSimulatorCollection.Name)]
public sealed class RamqCardTests(SharedSimulator shared)
{
    private SimulatorHost Host => shared.Host;

    [Fact]
    public async Task Maries_card_reference_number_matches()
    {
        var marie = Demo.Marie;

        var answer = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie, "125478569"));

        Assert.Equal("match", answer.Outcome);
        Assert.Matches("^RAMQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", answer.Reference);
    }

    [Fact]
    public async Task Another_cards_number_a_digit_off_or_a_card_without_a_number_does_not_match()
    {
        var marie = Demo.Marie;

        var othersCard = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie, Demo.Anne.Card.ReferenceNumber!));
        var oneDigitOff = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie, "125478568"));
        // Luc's card is from before 2018: no reference number is his.
        var noNumber = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(Demo.Luc, "125478569"));
        var anotherNam = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie with { Nam = Demo.Zoe.Nam }, "125478569"));

        Assert.Equal(["no_match", "no_match", "no_match", "no_match"], [othersCard.Outcome, oneDigitOff.Outcome, noNumber.Outcome, anotherNam.Outcome]);
    }

    [Fact]
    public async Task A_nam_nobody_holds_does_not_match()
    {
        var marie = Demo.Marie;
        // A valid NAM (sequence digit 2) that nobody in the simulator holds.
        var unknown = HealthInsuranceNumber.Compose(marie.FamilyName, marie.GivenNames, marie.BirthDate, marie.Female, 2);
        Assert.Null(Host.Population.ByNam(unknown));

        var answer = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie with { Nam = unknown }, "125478569"));

        Assert.Equal("no_match", answer.Outcome);
    }

    [Theory]
    [InlineData("Zoé", "Roy", "match")]
    [InlineData("Zoe", "ROY", "match")]
    [InlineData("ZOE", "roy", "match")]
    [InlineData("zoé", " Roy ", "match")]
    [InlineData("Zoë", "Roy", "match")] // another accent is still the letters Z, O, E
    [InlineData("Zoey", "Roy", "no_match")]
    [InlineData("Zoé", "Roy-Tremblay", "no_match")]
    public async Task Accents_and_case_do_not_matter(string given, string family, string outcome)
    {
        var zoe = Demo.Zoe;

        var answer = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(zoe, zoe.Card.ReferenceNumber!, given, family));

        Assert.Equal(outcome, answer.Outcome);
    }

    [Fact]
    public async Task The_first_given_name_alone_matches_as_do_all_of_them_but_not_the_second_alone()
    {
        var person = WithCardReference(p => p.GivenNames.Split(' ') is [var first, var second]
            && !first.Contains('-', StringComparison.Ordinal) && !second.Contains('-', StringComparison.Ordinal)
            && IdentifierText.LettersOf(first) != IdentifierText.LettersOf(second));
        var names = person.GivenNames.Split(' ');

        var all = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!));
        var first = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!, names[0]));
        var allHyphenated = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!, string.Join('-', names)));
        var second = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!, names[1]));

        Assert.Equal(["match", "match", "match", "no_match"], [all.Outcome, first.Outcome, allHyphenated.Outcome, second.Outcome]);
    }

    [Fact]
    public async Task A_hyphenated_given_name_is_one_name_typed_with_a_space_or_nothing_but_not_in_half()
    {
        var person = WithCardReference(p => !p.GivenNames.Contains(' ', StringComparison.Ordinal) && p.GivenNames.Split('-').Length == 2);

        var spaced = await Host.AnswerAsync(Card, SimulatorHost.RamqKey,
            CardOf(person, person.Card.ReferenceNumber!, person.GivenNames.Replace('-', ' ').ToLowerInvariant()));
        var joined = await Host.AnswerAsync(Card, SimulatorHost.RamqKey,
            CardOf(person, person.Card.ReferenceNumber!, person.GivenNames.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()));
        var half = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!, person.GivenNames.Split('-')[0]));

        Assert.Equal(["match", "match", "no_match"], [spaced.Outcome, joined.Outcome, half.Outcome]);
    }

    [Fact]
    public async Task A_hyphenated_family_name_may_be_typed_with_a_space_but_not_in_half()
    {
        var person = WithCardReference(p => p.FamilyName.Split('-').Length == 2 && !p.FamilyName.Contains('\'', StringComparison.Ordinal));

        var spaced = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!, familyName: person.FamilyName.Replace('-', ' ')));
        var half = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(person, person.Card.ReferenceNumber!, familyName: person.FamilyName.Split('-')[0]));

        Assert.Equal(["match", "no_match"], [spaced.Outcome, half.Outcome]);
    }

    private SyntheticPerson WithCardReference(Func<SyntheticPerson, bool> fits) =>
        Host.Population.People.Skip(5).First(p => p.Card.ReferenceNumber is not null && fits(p));
}
