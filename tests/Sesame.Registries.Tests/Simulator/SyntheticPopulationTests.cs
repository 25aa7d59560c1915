using Sesame.Core.Identity.Identifiers;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>
/// The simulator's synthetic population (docs/registries.md, "The simulator"): 10,000 people from a fixed seed,
/// identifiers valid per identifiers.md and belonging to nobody, and every case the proofing process must meet.
/// </summary>
public sealed class SyntheticPopulationTests
{
    private const int Year = 2026;

    private static readonly Lazy<IReadOnlyList<SyntheticPerson>> Generated = new(() => Population.Generate(Year).People);

    private static IReadOnlyList<SyntheticPerson> People => Generated.Value;

    [Fact]
    public void There_are_at_least_ten_thousand_people_the_demo_people_first()
    {
        Assert.True(People.Count >= 10_000, $"{People.Count} people");
        Assert.Equal(DemoPeople.All(Year).Select(p => p.Nam), People.Take(5).Select(p => p.Nam));
    }

    [Fact]
    public void Every_nam_is_valid_and_unique()
    {
        Assert.All(People, p => Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(p.Nam)));
        Assert.Equal(People.Count, People.Select(p => p.Nam).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_nas_passes_luhn_starts_with_zero_and_is_unique()
    {
        Assert.All(People, p =>
        {
            Assert.True(SocialInsuranceNumber.IsValid(p.Nas, acceptSyntheticPrefix: true), p.Nas);
            Assert.StartsWith("0", p.Nas, StringComparison.Ordinal);
            // A 0-prefixed number belongs to nobody: refused where synthetic numbers are not accepted.
            Assert.False(SocialInsuranceNumber.IsValid(p.Nas, acceptSyntheticPrefix: false), p.Nas);
        });
        Assert.Equal(People.Count, People.Select(p => p.Nas).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Each_nam_carries_its_persons_names_birth_date_and_sex()
    {
        Assert.All(People, p =>
        {
            var sequence = p.Nam[10] - '0';
            Assert.Equal(HealthInsuranceNumber.Compose(p.FamilyName, p.GivenNames, p.BirthDate, p.Female, sequence), p.Nam);
        });
    }

    [Fact]
    public void There_are_twins_told_apart_only_by_the_sequence_digit_of_their_nam()
    {
        var twins = People
            .GroupBy(p => (p.FamilyName, p.BirthDate, Start: p.Nam[..10]))
            .Where(g => g.Select(p => p.Nam[10]).Distinct().Count() > 1)
            .ToList();

        Assert.NotEmpty(twins);
        Assert.All(twins, g => Assert.Equal(g.Count(), g.Select(p => p.Nas).Distinct(StringComparer.Ordinal).Count()));
    }

    [Fact]
    public void Cards_issued_before_2018_have_no_reference_number_and_later_ones_have_nine_digits()
    {
        var before = People.Where(p => p.Card.IssuedOn < new DateOnly(2018, 1, 1)).ToList();
        var since = People.Where(p => p.Card.IssuedOn >= new DateOnly(2018, 1, 1)).ToList();

        Assert.NotEmpty(before);
        Assert.NotEmpty(since);
        Assert.All(before, p => Assert.Null(p.Card.ReferenceNumber));
        Assert.All(since, p => Assert.Matches("^[0-9]{9}$", p.Card.ReferenceNumber));
    }

    [Fact]
    public void Some_people_old_enough_to_drive_have_no_licence_and_licences_are_unique()
    {
        var adults = People.Skip(5).Where(p => p.BirthDate.AddYears(16) <= new DateOnly(Year, 1, 1)).ToList();
        Assert.Contains(adults, p => p.LicenceReference is null);
        Assert.Contains(adults, p => p.LicenceReference is not null);
        var licences = People.Select(p => p.LicenceReference).OfType<string>().ToList();
        Assert.NotEmpty(licences);
        Assert.Equal(licences.Count, licences.Distinct(StringComparer.Ordinal).Count());
        Assert.All(licences, l => Assert.True(LicenceReferenceNumber.IsValid(l, out _), l));
    }

    [Fact]
    public void Some_people_have_no_notice_and_every_notice_is_for_a_past_tax_year()
    {
        Assert.Contains(People, p => p.Notices.Count == 0);
        Assert.Contains(People, p => p.Notices.Count >= 3);
        Assert.All(People.SelectMany(p => p.Notices), n =>
        {
            Assert.InRange(n.TaxYear, Year - 6, Year - 1);
            Assert.True(NoticeOfAssessmentNumber.IsValid(n.Number, out _), n.Number);
        });
    }

    [Fact]
    public void Names_with_accents_hyphens_and_apostrophes_are_there()
    {
        Assert.Contains(People.Skip(5), p => (p.GivenNames + p.FamilyName).Any(c => c > 127 && char.IsLetter(c)));
        Assert.Contains(People.Skip(5), p => p.GivenNames.Contains('-', StringComparison.Ordinal));
        Assert.Contains(People.Skip(5), p => p.FamilyName.Contains('-', StringComparison.Ordinal));
        Assert.Contains(People.Skip(5), p => p.FamilyName.Contains('\'', StringComparison.Ordinal));
        Assert.Contains(People.Skip(5), p => p.GivenNames.Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public void Two_generations_for_the_same_year_are_the_same_people()
    {
        var again = Population.Generate(Year).People;

        Assert.Equal(People.Select(p => p.Nam), again.Select(p => p.Nam));
        Assert.Equal(People.Select(p => p.Nas), again.Select(p => p.Nas));
    }
}
