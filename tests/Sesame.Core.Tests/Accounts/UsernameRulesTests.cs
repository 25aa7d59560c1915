using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

public sealed class UsernameRulesTests
{
    public static TheoryData<string> ValidUsernames => new()
    {
        "marie85",
        "ABCDE",
        "a1b2c",
        "12345",
        "MarieCoteTremblay1985",
        new string('a', UsernameRules.MaximumLength),
    };

    [Theory]
    [MemberData(nameof(ValidUsernames))]
    public void A_username_of_5_to_64_ASCII_letters_and_digits_breaks_no_rule(string username)
    {
        Assert.Empty(UsernameRules.Check(username));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_username_is_required_and_nothing_else(string? username)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.UsernameRequired], UsernameRules.Check(username));
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("a")]
    [InlineData("1234")]
    public void A_username_shorter_than_5_characters_is_too_short(string username)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.UsernameTooShort], UsernameRules.Check(username));
    }

    [Fact]
    public void A_username_of_65_characters_is_too_long()
    {
        var username = new string('a', UsernameRules.MaximumLength + 1);

        RuleCodes.AssertExactly([AccountRuleCodes.UsernameTooLong], UsernameRules.Check(username));
    }

    [Theory]
    [InlineData("Zoé12")] // accented letter
    [InlineData("Côté-Tremblay")] // accents and hyphen
    [InlineData("marie 85")] // space
    [InlineData("     ")] // only spaces: not "required", but not letters either
    [InlineData("marie-85")]
    [InlineData("marie_85")]
    [InlineData("marie@85")]
    [InlineData("o'brien")]
    [InlineData("marie.85")]
    [InlineData("\u0645\u0627\u0631\u064a\u0627")] // Arabic letters
    [InlineData("marie\u200f85")] // right-to-left mark
    [InlineData("marie\u202e58")] // right-to-left override
    [InlineData("marie\u000085")] // NUL
    [InlineData("marie\t85")]
    [InlineData("marie\uff18\uff15")] // full-width digits
    [InlineData("\u0661\u0662\u0663\u0664\u0665")] // Arabic-Indic digits
    [InlineData("\u212aelvin")] // Kelvin sign, which folds to an ASCII K
    [InlineData("mar\u0131e85")] // dotless i
    [InlineData("marie\ud83d\ude0085")] // emoji (surrogate pair)
    public void A_username_with_anything_but_ASCII_letters_and_digits_breaks_the_characters_rule(string username)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.UsernameCharacters], UsernameRules.Check(username));
    }

    [Fact]
    public void A_short_username_with_a_forbidden_character_breaks_both_rules()
    {
        RuleCodes.AssertExactly(
            [AccountRuleCodes.UsernameTooShort, AccountRuleCodes.UsernameCharacters],
            UsernameRules.Check("Zoé"));
    }

    [Fact]
    public void A_long_username_with_a_forbidden_character_breaks_both_rules()
    {
        var username = new string('a', 64) + "-";

        RuleCodes.AssertExactly(
            [AccountRuleCodes.UsernameTooLong, AccountRuleCodes.UsernameCharacters],
            UsernameRules.Check(username));
    }
}
