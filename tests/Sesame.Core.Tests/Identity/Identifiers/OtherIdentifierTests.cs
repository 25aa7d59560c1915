using Sesame.Core.Identity.Identifiers;

namespace Sesame.Core.Tests.Identity.Identifiers;

/// <summary>NAS, notice, card numbers, licence reference and postal secret (identifiers.md), valid and invalid tables.</summary>
public sealed class OtherIdentifierTests
{
    [Theory]
    [InlineData("046 454 286", true, true)]
    [InlineData("046000006", true, true)]
    [InlineData("012-345-674", true, true)]
    [InlineData("098 765 431", true, true)]
    [InlineData("046 454 286", false, false)] // prefix 0 only outside production
    [InlineData("130 692 544", false, true)] // Luhn-valid, first digit 1
    [InlineData("930 692 546", false, true)] // 9: temporary residents
    [InlineData("930 692 540", false, false)] // not Luhn-valid
    [InlineData("830 692 547", false, false)] // Luhn-valid, but 8 is never issued to people
    [InlineData("046 454 285", true, false)]
    [InlineData("04645428", true, false)]
    [InlineData("0464542866", true, false)]
    [InlineData("04645428A", true, false)]
    [InlineData("", true, false)]
    public void Social_insurance_numbers_follow_luhn_and_the_allowed_first_digits(string input, bool synthetic, bool valid) =>
        Assert.Equal(valid, SocialInsuranceNumber.IsValid(input, synthetic));

    [Fact]
    public void The_luhn_check_digit_completes_eight_digits()
    {
        Assert.Equal('6', SocialInsuranceNumber.CheckDigit("04645428"));
        Assert.Equal('4', SocialInsuranceNumber.CheckDigit("01234567"));
        Assert.Equal("••• ••• 286", SocialInsuranceNumber.Mask("046454286"));
        Assert.Equal("046 454 286", SocialInsuranceNumber.Display("046454286"));
    }

    [Theory]
    [InlineData("Q1234567890", true)]
    [InlineData("m12ab567890", true)]
    [InlineData("Q 1234 5678 90", true)]
    [InlineData("A1234567890", false)]
    [InlineData("Q123456789", false)]
    [InlineData("Q12345678901", false)]
    [InlineData("Q12345_7890", false)]
    public void Notice_numbers_start_with_q_or_m_and_have_eleven_characters(string input, bool valid) =>
        Assert.Equal(valid, NoticeOfAssessmentNumber.IsValid(input, out _));

    [Fact]
    public void The_tax_year_windows_end_with_last_year()
    {
        Assert.Equal((2024, 2025), NoticeOfAssessmentNumber.TaxYears(new DateOnly(2026, 11, 23), NoticeOfAssessmentNumber.RecentTaxYears));
        Assert.Equal((2021, 2025), NoticeOfAssessmentNumber.TaxYears(new DateOnly(2026, 11, 23), NoticeOfAssessmentNumber.ExtendedTaxYears));
    }

    [Theory]
    [InlineData("125 478 569", true)]
    [InlineData("125478569", true)]
    [InlineData("12547856", false)]
    [InlineData("1254785690", false)]
    [InlineData("12547856A", false)]
    public void Card_reference_numbers_have_nine_digits(string input, bool valid) =>
        Assert.Equal(valid, HealthCardNumbers.IsValidReferenceNumber(input, out _));

    [Theory]
    [InlineData("03", true)]
    [InlineData("3", false)]
    [InlineData("003", false)]
    [InlineData("A3", false)]
    public void Sequential_numbers_have_two_digits(string input, bool valid) =>
        Assert.Equal(valid, HealthCardNumbers.IsValidSequentialNumber(input, out _));

    [Theory]
    [InlineData("4821", true)]
    [InlineData("482", false)]
    [InlineData("48211", false)]
    [InlineData("48a1", false)]
    public void Activation_keys_have_four_digits(string input, bool valid) =>
        Assert.Equal(valid, HealthCardNumbers.IsValidActivationKey(input, out _));

    [Theory]
    [InlineData("2028-04", 2028, 4, 30)]
    [InlineData("2028-02", 2028, 2, 29)]
    [InlineData("202802", 2028, 2, 29)]
    [InlineData("2027-12", 2027, 12, 31)]
    public void An_expiry_runs_to_the_last_day_of_its_month(string input, int year, int month, int day)
    {
        Assert.True(HealthCardNumbers.TryParseExpiry(input, out var last));
        Assert.Equal(new DateOnly(year, month, day), last);
    }

    [Theory]
    [InlineData("2028-13")]
    [InlineData("2028-00")]
    [InlineData("28-04")]
    [InlineData("avril 2028")]
    [InlineData("")]
    public void Other_expiry_forms_are_refused(string input) =>
        Assert.False(HealthCardNumbers.TryParseExpiry(input, out _));

    [Theory]
    [InlineData("K4T9W2M7QA", true)]
    [InlineData("k4t9-w2m7", true)]
    [InlineData("K4T9W2M", false)]
    [InlineData("K4T9W2M7QA123", false)]
    [InlineData("K4T9W2M7Q!", false)]
    public void Licence_reference_numbers_are_eight_to_twelve_letters_or_digits(string input, bool valid) =>
        Assert.Equal(valid, LicenceReferenceNumber.IsValid(input, out _));

    [Fact]
    public void Postal_secrets_are_ten_crockford_characters_read_forgivingly()
    {
        var secret = PostalSecret.Generate();
        Assert.True(PostalSecret.IsValid(PostalSecret.Display(secret), out var normalized));
        Assert.Equal(secret, normalized);
        Assert.DoesNotContain(secret, c => c is 'I' or 'L' or 'O' or 'U');
        // Read from paper: I and L as 1, O as 0, lower case and the hyphen accepted.
        Assert.True(PostalSecret.IsValid("7k2m9-p4xia", out var read));
        Assert.Equal("7K2M9P4X1A", read);
        Assert.True(PostalSecret.IsValid("OOOOO-LLLLL", out var zeros));
        Assert.Equal("0000011111", zeros);
        Assert.False(PostalSecret.IsValid("7K2M9-P4X1", out _));
        Assert.False(PostalSecret.IsValid("7K2M9-P4XU", out _));
    }
}
