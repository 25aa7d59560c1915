using System.Text.RegularExpressions;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator.Tests;

/// <summary>
/// The synthetic population (issue 4, item 2; docs/registries.md, "The simulator"): at least 10,000 people from a fixed
/// seed, identifiers valid per identifiers.md and belonging to nobody, every case the identification process meets.
/// </summary>
public sealed partial class PopulationTests
{
    private const int Year = 2026;

    private static readonly Lazy<Population> Generated = new(() => Population.Generate(Year));

    private static IReadOnlyList<SyntheticPerson> People => Generated.Value.People;

    /// <summary>The generated people, without the five demo people.</summary>
    private static IEnumerable<SyntheticPerson> Others => People.Skip(DemoPeople.All(Year).Count);

    [Fact]
    public void There_are_at_least_ten_thousand_people_and_the_demo_people_come_first()
    {
        Assert.True(People.Count >= 10_000, $"{People.Count} people");
        Assert.Equal(Population.DefaultSize, People.Count);
        Assert.Equal(DemoPeople.All(Year).Select(p => p.Nam), People.Take(5).Select(p => p.Nam));
        Assert.Equal(Year, Generated.Value.Year);
    }

    [Fact]
    public void Every_nam_is_valid_unique_and_made_of_its_persons_names_birth_date_sex_and_a_sequence_digit()
    {
        Assert.All(People, p =>
        {
            Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(p.Nam));
            var sequence = p.Nam[10] - '0';
            Assert.Equal(HealthInsuranceNumber.Compose(p.FamilyName, p.GivenNames, p.BirthDate, p.Female, sequence), p.Nam);
        });
        Assert.Equal(People.Count, People.Select(p => p.Nam).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_nas_starts_with_zero_passes_luhn_is_refused_in_production_and_is_unique()
    {
        Assert.All(People, p =>
        {
            Assert.StartsWith("0", p.Nas, StringComparison.Ordinal);
            Assert.True(SocialInsuranceNumber.IsValid(p.Nas, acceptSyntheticPrefix: true), p.Nas);
            // 0 is never issued to a person (identifiers.md): production's validator refuses every one of them.
            Assert.False(SocialInsuranceNumber.IsValid(p.Nas, acceptSyntheticPrefix: false), p.Nas);
        });
        Assert.Equal(People.Count, People.Select(p => p.Nas).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void There_are_twins_whose_nams_differ_only_by_the_sequence_digit()
    {
        // Same family name, birth date, sex and initial: the first ten characters of the NAM are the same.
        var twins = People.GroupBy(p => (p.FamilyName, p.BirthDate, Start: p.Nam[..10])).Where(g => g.Count() > 1).ToList();

        Assert.True(twins.Count >= 10, $"{twins.Count} pairs of twins");
        Assert.All(twins, g =>
        {
            Assert.Equal(g.Count(), g.Select(p => p.Nam[10]).Distinct().Count());
            Assert.Contains(g, p => p.Nam[10] == '1');
            Assert.Equal(g.Count(), g.Select(p => p.Nas).Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Fact]
    public void Cards_issued_before_2018_have_no_reference_number_and_all_later_ones_have_nine_digits()
    {
        var before = People.Where(p => p.Card.IssuedOn < new DateOnly(2018, 1, 1)).ToList();
        var since = People.Where(p => p.Card.IssuedOn >= new DateOnly(2018, 1, 1)).ToList();

        Assert.True(before.Count > 100, $"{before.Count} cards from before 2018");
        Assert.True(since.Count > 5_000, $"{since.Count} cards since 2018");
        Assert.All(before, p => Assert.Null(p.Card.ReferenceNumber));
        Assert.All(since, p => Assert.Matches("^[0-9]{9}$", p.Card.ReferenceNumber));
    }

    [Fact]
    public void Every_card_has_a_two_digit_sequential_number_expires_on_a_months_last_day_and_is_valid_all_year()
    {
        Assert.All(People, p =>
        {
            Assert.Matches("^[0-9]{2}$", p.Card.SequentialNumber);
            Assert.Equal(DateTime.DaysInMonth(p.Card.Expiry.Year, p.Card.Expiry.Month), p.Card.Expiry.Day);
            Assert.True(HealthCardNumbers.TryParseExpiry(HealthCardNumbers.FormatExpiry(p.Card.Expiry), out var lastDay) && lastDay == p.Card.Expiry);
            Assert.True(p.Card.IssuedOn > p.BirthDate, $"{p.Nam}: card issued before birth");
            Assert.True(p.Card.Expiry > new DateOnly(Year, 12, 31), $"{p.Nam}: card expires {p.Card.Expiry}");
        });
    }

    [Fact]
    public void Some_people_have_no_notice_and_the_others_have_notices_of_the_last_six_tax_years()
    {
        Assert.Contains(Others, p => p.Notices.Count == 0);
        Assert.Contains(Others, p => p.Notices.Count >= 3);
        Assert.All(People.SelectMany(p => p.Notices), n =>
        {
            Assert.InRange(n.TaxYear, Year - 6, Year - 1);
            Assert.True(NoticeOfAssessmentNumber.IsValid(n.Number, out var normalized) && normalized == n.Number, n.Number);
        });
        var numbers = People.SelectMany(p => p.Notices).Select(n => n.Number).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(People, p => Assert.Equal(p.Notices.Count, p.Notices.Select(n => n.TaxYear).Distinct().Count()));
    }

    [Fact]
    public void Both_tax_year_windows_matter_some_people_pass_the_two_year_one_others_only_the_five_year_one_others_neither()
    {
        static bool In(SyntheticPerson p, int years) => p.Notices.Any(n => n.TaxYear >= Year - years && n.TaxYear <= Year - 1);

        Assert.Contains(Others, p => In(p, 2));
        Assert.Contains(Others, p => !In(p, 2) && In(p, 5));
        Assert.Contains(Others, p => p.Notices.Count > 0 && !In(p, 5));
    }

    [Fact]
    public void Some_people_have_no_licence_nobody_under_sixteen_has_one_and_references_are_ten_letters_or_digits()
    {
        Assert.Contains(Others, p => p.LicenceReference is null && p.BirthDate.AddYears(16) < new DateOnly(Year, 1, 1));
        Assert.All(People.Where(p => p.BirthDate.AddYears(16) > new DateOnly(Year, 1, 1)), p => Assert.Null(p.LicenceReference));
        var licences = People.Select(p => p.LicenceReference).OfType<string>().ToList();
        Assert.True(licences.Count > 5_000, $"{licences.Count} licences");
        Assert.All(licences, l => Assert.Matches("^[A-Z0-9]{10}$", l));
        Assert.All(licences, l => Assert.True(LicenceReferenceNumber.IsValid(l, out _), l));
        Assert.Equal(licences.Count, licences.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Names_with_accents_hyphens_apostrophes_and_several_given_names_are_there()
    {
        Assert.Contains(Others, p => (p.GivenNames + p.FamilyName).Any(c => c > 127 && char.IsLetter(c)));
        Assert.Contains(Others, p => p.GivenNames.Contains('-', StringComparison.Ordinal));
        Assert.Contains(Others, p => p.FamilyName.Contains('-', StringComparison.Ordinal));
        Assert.Contains(Others, p => p.FamilyName.StartsWith("D'", StringComparison.Ordinal));
        Assert.Contains(Others, p => p.FamilyName.StartsWith("O'", StringComparison.Ordinal));
        Assert.Contains(Others, p => p.GivenNames.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(Others, p => p.Female);
        Assert.Contains(Others, p => !p.Female);
        Assert.Contains(Others, p => p.BirthDate.AddYears(18) > new DateOnly(Year, 1, 1));
    }

    [Fact]
    public void Every_person_has_a_synthetic_quebec_address_with_a_valid_postal_code()
    {
        Assert.All(People, p =>
        {
            var postalCode = PostalCode().Match(p.Address);
            Assert.True(postalCode.Success, p.Address);
            Assert.Contains("(Québec)", p.Address, StringComparison.Ordinal);
        });
        Assert.True(People.Select(p => p.Address).Distinct(StringComparer.Ordinal).Count() > People.Count * 9 / 10);
    }

    [Fact]
    public void Two_generations_for_the_same_year_are_the_same_people()
    {
        var again = Population.Generate(Year).People;

        Assert.Equal(People.Select(Describe), again.Select(Describe));
    }

    [Fact]
    public void Another_year_moves_the_tax_years_and_the_demo_notices_keep_their_numbers()
    {
        var nextYear = Population.Generate(Year + 1).People;

        Assert.Equal(Year + 1, nextYear[0].Notices[0].TaxYear + 1);
        Assert.Equal(People[0].Notices[0].Number, nextYear[0].Notices[0].Number);
        Assert.All(nextYear.SelectMany(p => p.Notices), n => Assert.InRange(n.TaxYear, Year - 5, Year));
    }

    [Fact]
    public void People_are_found_by_nam_nas_and_licence_reference_and_nobody_else_is()
    {
        var population = Generated.Value;
        Assert.All(People.Where((_, i) => i % 97 == 0), p =>
        {
            Assert.Same(p, population.ByNam(p.Nam));
            Assert.Same(p, population.ByNas(p.Nas));
            if (p.LicenceReference is not null)
            {
                Assert.Same(p, population.ByLicence(p.LicenceReference));
            }
        });
        Assert.Null(population.ByNam("TREM85531428"));
        Assert.Null(population.ByNas("046454287"));
        Assert.Null(population.ByLicence("ZZZZZZZZZZ"));
        Assert.Null(population.ByNam("trem85531419"));
    }

    [Fact]
    public void A_smaller_population_is_the_start_of_the_full_one()
    {
        var small = Population.Generate(Year, 500).People;

        Assert.Equal(500, small.Count);
        Assert.Equal(People.Take(500).Select(Describe), small.Select(Describe));
    }

    private static string Describe(SyntheticPerson p) =>
        $"{p.GivenNames}|{p.FamilyName}|{p.BirthDate:O}|{p.Female}|{p.Nam}|{p.Nas}|{string.Join(',', p.Notices)}|{p.Card}|{p.LicenceReference}|{p.Address}";

    // identifiers.md: ^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$, and Québec's start with G, H or J.
    [GeneratedRegex(@"  [GHJ]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$", RegexOptions.CultureInvariant)]
    private static partial Regex PostalCode();
}
