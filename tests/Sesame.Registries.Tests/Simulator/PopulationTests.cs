using Sesame.Core.Identity.Identifiers;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>The synthetic population (issue 4, item 2): large, valid, varied, and the same on every run.</summary>
public sealed class PopulationTests
{
    private static readonly Lazy<Population> People = new(() => Population.Generate(2026));

    [Fact]
    public void Ten_thousand_people_with_valid_unique_identifiers_that_belong_to_nobody()
    {
        var people = People.Value.People;
        Assert.True(people.Count >= 10_000);
        Assert.All(people, p => Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(p.Nam)));
        Assert.All(people, p => Assert.True(SocialInsuranceNumber.IsValid(p.Nas, acceptSyntheticPrefix: true) && p.Nas[0] == '0', p.Nas));
        Assert.Equal(people.Count, people.Select(p => p.Nam).Distinct().Count());
        Assert.Equal(people.Count, people.Select(p => p.Nas).Distinct().Count());
        Assert.All(people.SelectMany(p => p.Notices), n => Assert.True(NoticeOfAssessmentNumber.IsValid(n.Number, out _), n.Number));
        Assert.All(people.Where(p => p.LicenceReference is not null), p => Assert.True(LicenceReferenceNumber.IsValid(p.LicenceReference, out _)));
    }

    [Fact]
    public void The_cases_the_process_must_handle_are_all_there()
    {
        var people = People.Value.People;
        // Twins: one family name and birth date, told apart by the NAM's sequence digit.
        Assert.Contains(people.GroupBy(p => (p.Nam[..3], p.BirthDate, p.FamilyName)), g => g.Count() > 1 && g.Select(p => p.Nam[10]).Distinct().Count() > 1);
        Assert.All(people, p => Assert.Equal(p.Card.IssuedOn >= new DateOnly(2018, 1, 1), p.Card.ReferenceNumber is not null));
        Assert.All(people.Where(p => p.Card.ReferenceNumber is not null), p => Assert.Matches("^[0-9]{9}$", p.Card.ReferenceNumber));
        Assert.Contains(people, p => p.LicenceReference is null);
        Assert.Contains(people, p => p.Notices.Count == 0);
        Assert.Contains(people, p => p.Notices.Count >= 3);
        Assert.Contains(people, p => p.FamilyName.Contains('\''));
        Assert.Contains(people, p => p.FamilyName.Contains('-') || p.GivenNames.Contains('-'));
        Assert.Contains(people, p => (p.GivenNames + p.FamilyName).Any(c => c is 'é' or 'è' or 'ê' or 'ë' or 'ï' or 'ô' or 'É'));
    }

    [Fact]
    public void The_same_year_gives_the_same_people_and_the_demo_people_come_first()
    {
        var again = Population.Generate(2026);
        Assert.Equal(People.Value.People.Select(p => p.Nam + p.Nas + p.GivenNames), again.People.Select(p => p.Nam + p.Nas + p.GivenNames));
        Assert.Equal("TREM85531419", People.Value.People[0].Nam);
        Assert.Equal("046454286", People.Value.ByNam("TREM85531419")!.Nas);
        Assert.Equal("Tremblay", People.Value.ByNas("046454286")!.FamilyName);
        Assert.Equal("TREM85531419", People.Value.ByLicence("K4T9W2M7QA")!.Nam);
    }

    [Theory]
    [InlineData("Marie", "Tremblay", true)]
    [InlineData("MARIE", "tremblay", true)]
    [InlineData("Marie", "Gagnon", false)]
    [InlineData("Mario", "Tremblay", false)]
    public void Names_compare_as_typed_from_the_card(string given, string family, bool same)
    {
        var marie = People.Value.ByNam("TREM85531419")!;
        Assert.Equal(same, RegistryApi.SamePerson(marie, given, family, "1985-03-14"));
        Assert.False(RegistryApi.SamePerson(marie, "Marie", "Tremblay", "1985-03-15"));
    }

    [Fact]
    public void Accents_hyphens_apostrophes_and_a_first_given_name_alone_still_match()
    {
        var jean = People.Value.ByNam("DAMJ90013116")!;
        Assert.True(RegistryApi.SamePerson(jean, "jean", "DAMOUR", "1990-01-31"));
        Assert.True(RegistryApi.SamePerson(jean, "Jean", "D Amour", "1990-01-31"));
        var zoe = People.Value.ByNam("ROYZ12522910")!;
        Assert.True(RegistryApi.SamePerson(zoe, "Zoe", "Roy", "2012-02-29"));
        var compound = People.Value.People.First(p => p.GivenNames.Contains(' ', StringComparison.Ordinal));
        var birth = compound.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(RegistryApi.SamePerson(compound, compound.GivenNames.Split(' ')[0], compound.FamilyName, birth));
        Assert.True(RegistryApi.SamePerson(compound, compound.GivenNames.Replace(' ', '-'), compound.FamilyName.ToUpperInvariant(), birth));
    }
}
