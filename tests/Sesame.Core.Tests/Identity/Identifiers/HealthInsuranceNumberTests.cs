using Sesame.Core.Identity.Identifiers;

namespace Sesame.Core.Tests.Identity.Identifiers;

/// <summary>The NAM (identifiers.md): its shape, its check digit, and the soft hints.</summary>
public sealed class HealthInsuranceNumberTests
{
    [Theory]
    [InlineData("TREM 8553 1419")]
    [InlineData("GAGL 7211 0216")]
    [InlineData("LIXA 0357 0913")]
    [InlineData("DAMJ 9001 3116")]
    [InlineData("ROYZ 1252 2910")]
    [InlineData("trem85531419")]
    [InlineData("  TREM-8553-1419 ")]
    public void The_synthetic_numbers_of_identifiers_md_are_valid(string input) =>
        Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(input));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("TREM 8553 141")]
    [InlineData("TREM 8553 14199")]
    [InlineData("TRE1 8553 1419")]
    [InlineData("TREM 8513 1419")] // month 13
    [InlineData("TREM 8550 1419")] // month 50
    [InlineData("TREM 8563 1419")] // month 63
    [InlineData("TREM 8553 3219")] // day 32
    [InlineData("TREM 8553 1409")] // sequence 0
    [InlineData("TREM 8502 3019")] // 30 February
    [InlineData("TREM 8553 14I9")]
    public void Malformed_numbers_are_refused(string? input) =>
        Assert.Equal(NamVerdict.Malformed, HealthInsuranceNumber.Check(input));

    [Theory]
    [InlineData("TREM 8553 1418")]
    [InlineData("GAGL 7211 0211")]
    [InlineData("LIXA 0357 0910")]
    public void A_wrong_check_digit_asks_to_reread_the_card_rather_than_refusing(string input) =>
        Assert.Equal(NamVerdict.CheckDigitMismatch, HealthInsuranceNumber.Check(input));

    [Fact]
    public void Twenty_ninth_of_February_exists_only_in_leap_years_of_either_century()
    {
        Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check("ROYZ12522910"));
        // 2013 and 1913 were not leap years: no such birth date.
        Assert.Equal(NamVerdict.Malformed, HealthInsuranceNumber.Check("ROYZ13522910"));
    }

    [Theory]
    [InlineData("Tremblay", "Marie", 1985, 3, 14, true, 1, "TREM85531419")]
    [InlineData("Gagnon", "Luc", 1972, 11, 2, false, 1, "GAGL72110216")]
    [InlineData("Li", "Anne", 2003, 7, 9, true, 1, "LIXA03570913")]
    [InlineData("D'Amour", "Jean", 1990, 1, 31, false, 1, "DAMJ90013116")]
    [InlineData("Roy", "Zoé", 2012, 2, 29, true, 1, "ROYZ12522910")]
    public void Composing_gives_the_numbers_of_identifiers_md(string family, string given, int year, int month, int day, bool female, int sequence, string expected) =>
        Assert.Equal(expected, HealthInsuranceNumber.Compose(family, given, new DateOnly(year, month, day), female, sequence));

    [Fact]
    public void Twins_differ_by_their_sequence_digit_and_both_are_valid()
    {
        var first = HealthInsuranceNumber.Compose("Côté", "Émile", new DateOnly(1999, 5, 5), female: false, sequence: 1);
        var second = HealthInsuranceNumber.Compose("Côté", "Éloïse", new DateOnly(1999, 5, 5), female: true, sequence: 2);
        Assert.Equal("COTE", first[..4]);
        Assert.NotEqual(first, second);
        Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(first));
        Assert.Equal(NamVerdict.Valid, HealthInsuranceNumber.Check(second));
    }

    [Fact]
    public void Hints_name_what_disagrees_and_never_the_sex()
    {
        Assert.Empty(HealthInsuranceNumber.Hints("TREM85531419", "Marie", "Tremblay", new DateOnly(1985, 3, 14)));
        // The same person declared without the +50: sex is not derived from the NAM, so no hint.
        Assert.Empty(HealthInsuranceNumber.Hints("TREM85031419", "Marie", "Tremblay", new DateOnly(1985, 3, 14)));
        Assert.Equal([NamHint.NamesDiffer], HealthInsuranceNumber.Hints("TREM85531419", "Marie", "Gagnon", new DateOnly(1985, 3, 14)));
        Assert.Equal([NamHint.BirthDateDiffers], HealthInsuranceNumber.Hints("TREM85531419", "Marie", "Tremblay", new DateOnly(1985, 3, 15)));
        Assert.Empty(HealthInsuranceNumber.Hints("DAMJ90013116", "Jean", "D'Amour", new DateOnly(1990, 1, 31)));
    }

    [Fact]
    public void Display_and_mask_follow_identifiers_md()
    {
        Assert.Equal("TREM 8553 1419", HealthInsuranceNumber.Display("TREM85531419"));
        Assert.Equal("TREM •••• ••19", HealthInsuranceNumber.Mask("TREM85531419"));
    }
}
