using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator.Tests;

/// <summary>
/// The people to try (issue 4, item 2): identifiers.md's synthetic values, and for each a fixed set of proofs covering
/// one path of the identification process (mission.md §2).
/// </summary>
public sealed class DemoPeopleTests
{
    private const int Year = 2026;

    private static SyntheticPerson Find(string nam) => DemoPeople.All(Year).Single(p => p.Nam == nam);

    [Theory]
    [InlineData("Tremblay", "Marie", "1985-03-14", true, "TREM85531419", "046454286")]
    [InlineData("Gagnon", "Luc", "1972-11-02", false, "GAGL72110216", "046000006")]
    [InlineData("Li", "Anne", "2003-07-09", true, "LIXA03570913", "012345674")]
    [InlineData("D'Amour", "Jean", "1990-01-31", false, "DAMJ90013116", "098765431")]
    [InlineData("Roy", "Zoé", "2012-02-29", true, "ROYZ12522910", null)]
    public void The_demo_people_are_identifiers_mds_synthetic_people(string family, string given, string birth, bool female, string nam, string? nas)
    {
        var person = Find(nam);

        Assert.Equal((family, given, DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), female),
            (person.FamilyName, person.GivenNames, person.BirthDate, person.Female));
        Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(nam));
        Assert.Equal(nam, HealthInsuranceNumber.Compose(family, given, person.BirthDate, female, 1));
        if (nas is not null)
        {
            Assert.Equal(nas, person.Nas);
        }

        Assert.StartsWith("0", person.Nas, StringComparison.Ordinal);
        Assert.True(SocialInsuranceNumber.IsValid(person.Nas, acceptSyntheticPrefix: true), person.Nas);
    }

    [Fact]
    public void Marie_has_every_proof()
    {
        var marie = Find("TREM85531419");

        Assert.Contains(marie.Notices, n => n.TaxYear == Year - 1);
        Assert.Equal("125478569", marie.Card.ReferenceNumber);
        Assert.True(marie.Card.IssuedOn >= HealthCard.FirstDayWithReferenceNumber);
        Assert.Equal("K4T9W2M7QA", marie.LicenceReference);
        Assert.Equal(("03", "2028-04"), (marie.Card.SequentialNumber, HealthCardNumbers.FormatExpiry(marie.Card.Expiry)));
    }

    [Fact]
    public void Luc_has_a_recent_notice_but_a_card_from_before_2018_and_no_licence()
    {
        var luc = Find("GAGL72110216");

        Assert.Equal(Year - 1, Assert.Single(luc.Notices).TaxYear);
        Assert.True(luc.Card.IssuedOn < HealthCard.FirstDayWithReferenceNumber);
        Assert.Null(luc.Card.ReferenceNumber);
        Assert.Null(luc.LicenceReference);
    }

    [Fact]
    public void Anne_has_no_notice_but_a_recent_card_and_a_licence()
    {
        var anne = Find("LIXA03570913");

        Assert.Empty(anne.Notices);
        Assert.Matches("^[0-9]{9}$", anne.Card.ReferenceNumber);
        Assert.NotNull(anne.LicenceReference);
    }

    [Fact]
    public void Jean_has_only_a_notice_from_four_tax_years_ago()
    {
        var jean = Find("DAMJ90013116");

        var notice = Assert.Single(jean.Notices);
        Assert.Equal(Year - 4, notice.TaxYear);
        Assert.InRange(notice.TaxYear, Year - NoticeOfAssessmentNumber.ExtendedTaxYears, Year - 1);
        Assert.True(notice.TaxYear < Year - NoticeOfAssessmentNumber.RecentTaxYears);
        Assert.Null(jean.Card.ReferenceNumber);
        Assert.Null(jean.LicenceReference);
    }

    [Fact]
    public void Zoe_is_a_minor_with_a_card_and_nothing_else()
    {
        var zoe = Find("ROYZ12522910");

        Assert.True(zoe.BirthDate.AddYears(18) > new DateOnly(Year, 12, 31));
        Assert.Matches("^[0-9]{9}$", zoe.Card.ReferenceNumber);
        Assert.Empty(zoe.Notices);
        Assert.Null(zoe.LicenceReference);
    }

    [Fact]
    public void Every_demo_card_is_current_until_at_least_2028_and_expires_on_a_months_last_day()
    {
        Assert.All(DemoPeople.All(Year), p =>
        {
            Assert.True(p.Card.Expiry >= new DateOnly(2028, 4, 30), $"{p.FullName}: {p.Card.Expiry}");
            Assert.Equal(DateTime.DaysInMonth(p.Card.Expiry.Year, p.Card.Expiry.Month), p.Card.Expiry.Day);
            Assert.Equal(p.Card.IssuedOn >= HealthCard.FirstDayWithReferenceNumber, p.Card.ReferenceNumber is not null);
        });
    }

    [Fact]
    public void Notices_keep_their_numbers_from_one_year_to_the_next_and_their_tax_years_follow()
    {
        var thisYear = DemoPeople.All(Year).SelectMany(p => p.Notices).ToList();
        var nextYear = DemoPeople.All(Year + 1).SelectMany(p => p.Notices).ToList();

        Assert.Equal(thisYear.Select(n => n.Number), nextYear.Select(n => n.Number));
        Assert.Equal(thisYear.Select(n => n.TaxYear + 1), nextYear.Select(n => n.TaxYear));
        Assert.All(thisYear, n => Assert.True(NoticeOfAssessmentNumber.IsValid(n.Number, out var normalized) && normalized == n.Number, n.Number));
    }

    [Fact]
    public void Each_demo_person_says_what_to_try_in_french_and_english()
    {
        Assert.All(DemoPeople.All(Year), p =>
        {
            var (french, english) = DemoPeople.WhatToTry(p.Nam);
            Assert.False(string.IsNullOrWhiteSpace(french), p.FullName);
            Assert.False(string.IsNullOrWhiteSpace(english), p.FullName);
        });
        Assert.Equal(("", ""), DemoPeople.WhatToTry("ABCD12345678"));
    }
}
