using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

/// <summary>Seed 004: "Compter au moins 8 caractères; Commencer et finir par une lettre; Contenir des lettres et des chiffres".</summary>
public sealed class ProfessionalPasswordRulesTests
{
    private readonly ProfessionalPasswordRules _rules = new(new CommonPasswordList(["motdepasse1a"]));

    [Theory]
    [InlineData("Vieux2026Port")]
    [InlineData("a123456b")] // exactly 8
    [InlineData("Élan42été")] // accented letters are letters
    public void A_password_of_seed_004s_rules_breaks_none(string password) => Assert.Empty(_rules.Check(password));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_password_is_required_and_nothing_else(string? password) =>
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordRequired], _rules.Check(password));

    [Fact]
    public void Seven_characters_are_too_short() =>
        RuleCodes.AssertExactly([AccountRuleCodes.ProfessionalPasswordTooShort], _rules.Check("a12345b"));

    [Theory]
    [InlineData("1abcdefg")]
    [InlineData("abcdefg1")]
    [InlineData("-abc123d")]
    [InlineData("abc123d!")]
    public void It_must_start_and_end_with_a_letter(string password) =>
        RuleCodes.AssertExactly([AccountRuleCodes.ProfessionalPasswordEdges], _rules.Check(password));

    [Theory]
    [InlineData("abcdefghij")]
    [InlineData("abc-def-gh")]
    public void Letters_alone_are_not_enough(string password) =>
        RuleCodes.AssertExactly([AccountRuleCodes.ProfessionalPasswordLettersAndDigits], _rules.Check(password));

    [Fact]
    public void Digits_alone_break_both_the_edge_and_the_mix_rules() =>
        RuleCodes.AssertExactly([AccountRuleCodes.ProfessionalPasswordEdges, AccountRuleCodes.ProfessionalPasswordLettersAndDigits], _rules.Check("12345678"));

    [Fact]
    public void More_than_128_characters_are_too_long() =>
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordTooLong], _rules.Check("a" + new string('1', 127) + "b"));

    [Fact]
    public void A_common_password_is_refused() =>
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordCommon], _rules.Check("motdepasse1a"));

    [Fact]
    public void The_citizen_rules_do_not_apply()
    {
        // "aaaa1234b" has a repetition and a sequence, which only the citizen rules refuse.
        Assert.Empty(_rules.Check("aaaa1234b"));
        Assert.NotEmpty(new PasswordRules(new CommonPasswordList([])).Check("aaaa1234b", "someone"));
    }
}
