using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Identity.Identifiers;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>
/// Names as a person types them from their card (docs/registries.md, "How names are compared"): accents, case,
/// spaces, hyphens and apostrophes do not matter, the first given name alone will do, another family name will not.
/// </summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class NameComparisonTests(RegistrySimulatorFixture simulator)
{
    [Theory]
    [InlineData("Marie", "Tremblay", RegistryOutcome.Match)]
    [InlineData("MARIE", "tremblay", RegistryOutcome.Match)]
    [InlineData("  marie ", "TREM-BLAY", RegistryOutcome.Match)]
    [InlineData("Marie", "Gagnon", RegistryOutcome.NoMatch)]
    [InlineData("Marie", "Tremblay-Gagnon", RegistryOutcome.NoMatch)]
    [InlineData("Mario", "Tremblay", RegistryOutcome.NoMatch)]
    public async Task Case_and_punctuation_do_not_matter_but_another_name_does(string given, string family, RegistryOutcome expected)
    {
        var marie = Demo.Marie;

        var result = await Card(new CardVerification(marie.Nam, given, family, marie.BirthDate, marie.Card.ReferenceNumber!));

        Assert.Equal(expected, result.Outcome);
    }

    [Theory]
    [InlineData("Zoé", "Roy")]
    [InlineData("Zoe", "ROY")]
    [InlineData("ZOE", "roy")]
    public async Task Accents_may_be_dropped(string given, string family)
    {
        var zoe = Demo.Zoe;

        var result = await Card(new CardVerification(zoe.Nam, given, family, zoe.BirthDate, zoe.Card.ReferenceNumber!));

        Assert.Equal(RegistryOutcome.Match, result.Outcome);
    }

    [Theory]
    [InlineData("Jean", "D'Amour")]
    [InlineData("jean", "DAMOUR")]
    [InlineData("Jean", "D Amour")]
    [InlineData("JEAN", "d’amour")]
    public async Task Apostrophes_and_spaces_in_a_family_name_do_not_matter(string given, string family)
    {
        var jean = Demo.Jean;
        var notice = Assert.Single(jean.Notices);

        var result = await simulator.Adapters.GetRequiredService<IRevenuQuebecRegistry>().VerifyNoticeAsync(
            new NoticeVerification(jean.Nas, given, family, jean.BirthDate, notice.Number, Demo.Year - 5, Demo.Year - 1), CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, result.Outcome);
    }

    [Fact]
    public async Task A_hyphenated_given_name_may_be_typed_with_a_space_or_without_anything()
    {
        var person = WithLicence(p => p.GivenNames.Contains('-', StringComparison.Ordinal) && !p.GivenNames.Contains(' ', StringComparison.Ordinal));

        var spaced = await Licence(person, person.GivenNames.Replace('-', ' ').ToLowerInvariant(), person.FamilyName);
        var joined = await Licence(person, person.GivenNames.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(), person.FamilyName);

        Assert.Equal(RegistryOutcome.Match, spaced.Outcome);
        Assert.Equal(RegistryOutcome.Match, joined.Outcome);
    }

    [Fact]
    public async Task A_hyphenated_family_name_may_be_typed_with_a_space()
    {
        var person = WithLicence(p => p.FamilyName.Contains('-', StringComparison.Ordinal));

        var spaced = await Licence(person, person.GivenNames, person.FamilyName.Replace('-', ' '));
        // Half of it is another family name.
        var half = await Licence(person, person.GivenNames, person.FamilyName.Split('-')[0]);

        Assert.Equal(RegistryOutcome.Match, spaced.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, half.Outcome);
    }

    [Fact]
    public async Task The_first_given_name_alone_matches_as_do_all_of_them_but_not_the_second_alone()
    {
        var person = WithLicence(p => p.GivenNames.Split(' ').Length == 2 && !p.GivenNames.Contains('-', StringComparison.Ordinal)
            && !SameLetters(p.GivenNames.Split(' ')[0], p.GivenNames.Split(' ')[1]));
        var names = person.GivenNames.Split(' ');

        var all = await Licence(person, person.GivenNames, person.FamilyName);
        var first = await Licence(person, names[0], person.FamilyName);
        var second = await Licence(person, names[1], person.FamilyName);

        Assert.Equal(RegistryOutcome.Match, all.Outcome);
        Assert.Equal(RegistryOutcome.Match, first.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, second.Outcome);
    }

    /// <summary>A generated person of the simulator's population, with a licence, that fits <paramref name="fits"/>.</summary>
    private SyntheticPerson WithLicence(Func<SyntheticPerson, bool> fits) =>
        simulator.Population.People.First(p => p.LicenceReference is not null && fits(p));

    private Task<RegistryResult> Card(CardVerification verification) =>
        simulator.Adapters.GetRequiredService<IRamqRegistry>().VerifyCardAsync(verification, CancellationToken.None);

    private Task<RegistryResult> Licence(SyntheticPerson person, string given, string family) =>
        simulator.Adapters.GetRequiredService<ISaaqRegistry>().VerifyLicenceAsync(
            new LicenceVerification(person.LicenceReference!, given, family, person.BirthDate), CancellationToken.None);

    private static bool SameLetters(string a, string b) => IdentifierText.LettersOf(a) == IdentifierText.LettersOf(b);
}
