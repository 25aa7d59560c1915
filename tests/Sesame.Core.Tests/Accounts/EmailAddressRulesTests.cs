using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

public sealed class EmailAddressRulesTests
{
    // 64 + 1 + 189 = 254 characters, the longest address accepted (labels of at most 63 characters).
    private static readonly string LongestAddress =
        new string('m', 64) + "@" + new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 58) + ".ca";

    public static TheoryData<string> ValidAddresses => new()
    {
        "marie@exemple.ca",
        "o'brien@exemple.qc.ca",
        "Marie.Cote-Tremblay@exemple.gouv.qc.ca",
        "marie+sesame@exemple.ca",
        "m85@x.quebec",
        LongestAddress,
    };

    public static TheoryData<string> InvalidAddresses => new()
    {
        "marie.exemple.ca", // no @
        "marie",
        "@exemple.ca",
        "marie@",
        "marie@@exemple.ca",
        "marie@exemple@ca.ca",
        "marie @exemple.ca", // spaces
        "marie@exemple .ca",
        " marie@exemple.ca",
        "marie@exemple.ca ",
        "Marie <m@x.ca>", // display-name forms
        "<marie@exemple.ca>",
        "\"Marie\" <marie@exemple.ca>",
        "a@b", // no top-level domain
        "marie@exemple",
        "marie@exemple.c", // one-letter top-level domain
        "marie@exemple.ca.", // trailing dot
        "marie@exemple.ca\u200f", // right-to-left mark
        "\u202emarie@exemple.ca", // right-to-left override
        "marie\u0000@exemple.ca", // NUL
        "marie@exemple.ca\r\nBcc: autre@exemple.ca", // header injection
        "m@x.ca, autre@exemple.ca", // two addresses
        LongestAddress + "c", // 255 characters
        new string('m', 300) + "@exemple.ca",
    };

    [Theory]
    [MemberData(nameof(ValidAddresses))]
    public void A_valid_address_is_accepted(string email)
    {
        Assert.True(EmailAddressRules.IsValid(email));
        Assert.Empty(EmailAddressRules.Check(email));
    }

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void An_invalid_address_is_refused(string email)
    {
        Assert.False(EmailAddressRules.IsValid(email));
        RuleCodes.AssertExactly([AccountRuleCodes.EmailInvalid], EmailAddressRules.Check(email));
    }

    [Theory]
    [InlineData("marie@[127.0.0.1]")] // an address literal: mail would go to whatever host the address names
    [InlineData("marie@[10.0.0.5]")]
    [InlineData("marie@exemple.123")] // no top-level domain is numeric
    [InlineData("marie@-exemple.ca")] // a DNS label cannot start with a hyphen
    [InlineData("marie.@exemple.ca")] // RFC 5321 dot-string cannot end with a dot
    public void An_address_that_cannot_be_a_mailbox_on_an_internet_domain_is_refused(string email)
    {
        Assert.False(EmailAddressRules.IsValid(email));
    }

    [Fact]
    public void The_length_limit_is_254_characters()
    {
        Assert.Equal(254, LongestAddress.Length);
        Assert.Equal(EmailAddressRules.MaximumLength, LongestAddress.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void A_missing_address_is_required_and_nothing_else(string? email)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.EmailRequired], EmailAddressRules.Check(email));
    }

    [Theory]
    [InlineData("marie@exemple.ca", true)]
    [InlineData("Tulipe@Verte.quebec", true)]
    [InlineData("Tulipe-Verte-Hiver-92", false)]
    [InlineData("marie@exemple", false)]
    [InlineData("marie@exemple.c", false)]
    [InlineData("Vert marie@exemple.ca", false)]
    public void LooksLikeEmailAddress_recognizes_the_local_at_domain_dot_tld_shape(string value, bool expected)
    {
        Assert.Equal(expected, EmailAddressRules.LooksLikeEmailAddress(value));
    }
}
