using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

/// <summary>Seed 004: "Le nom d'utilisateur doit prendre la forme d'une adresse de courriel."</summary>
public sealed class ProfessionalUsernameRulesTests
{
    [Theory]
    [InlineData("luc.gagnon@clinique.exemple.ca")]
    [InlineData("l+rvsq@clinique-demo.example")]
    [InlineData("anne_li@exemple.ca")]
    public void An_address_form_is_accepted(string username) => Assert.Empty(ProfessionalUsernameRules.Check(username));

    [Theory]
    [InlineData("lucgagnon")]
    [InlineData("luc@gagnon")]
    [InlineData("luc..gagnon@exemple.ca")]
    [InlineData("luc@[10.0.0.5]")]
    public void Something_else_is_not_an_address(string username) =>
        Assert.Contains(AccountRuleCodes.ProfessionalUsernameNotEmail, ProfessionalUsernameRules.Check(username));

    [Fact]
    public void Accents_and_apostrophes_are_outside_identitys_username_characters() =>
        RuleCodes.AssertExactly([AccountRuleCodes.ProfessionalUsernameCharacters], ProfessionalUsernameRules.Check("o'brien@exemple.ca"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_username_is_required(string? username) =>
        RuleCodes.AssertExactly([AccountRuleCodes.UsernameRequired], ProfessionalUsernameRules.Check(username));

    [Fact]
    public void More_than_254_characters_are_too_long() =>
        RuleCodes.AssertExactly([AccountRuleCodes.ProfessionalUsernameTooLong], ProfessionalUsernameRules.Check(new string('a', 250) + "@exemple.ca"));

    [Fact]
    public void A_citizen_username_is_not_a_professional_one()
    {
        Assert.Empty(UsernameRules.Check("marie85"));
        Assert.NotEmpty(ProfessionalUsernameRules.Check("marie85"));
        Assert.NotEmpty(UsernameRules.Check("marie@exemple.ca"));
    }
}
