using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

public sealed class PasswordRulesTests
{
    private const string Username = "marie85";
    private const string Email = "marie@exemple.ca";

    private readonly PasswordRules _rules = new(new CommonPasswordList(["correcthorse1", "motdepasse123", "Soleil2024!"]));

    private IReadOnlyList<string> Check(string? password) => _rules.Check(password, Username, Email);

    [Theory]
    [InlineData("Tulipe-Verte-Hiver-92")]
    [InlineData("Le chat de Côté-Tremblay dort")]
    [InlineData("O'Brien mange 2 pommes")]
    public void A_good_passphrase_breaks_no_rule(string password)
    {
        Assert.Empty(Check(password));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_password_is_required_and_nothing_else(string? password)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordRequired], Check(password));
    }

    [Theory]
    [InlineData("Tul-Ver-9", new[] { AccountRuleCodes.PasswordTooShort })] // 9 characters
    [InlineData("Tul-Vert-9", new string[0])] // 10 characters
    [InlineData("Vert-92", new[] { AccountRuleCodes.PasswordTooShort })]
    public void A_password_needs_at_least_10_characters(string password, string[] expected)
    {
        RuleCodes.AssertExactly(expected, Check(password));
    }

    [Theory]
    [InlineData(PasswordRules.MaximumLength, false)]
    [InlineData(PasswordRules.MaximumLength + 1, true)]
    [InlineData(500, true)]
    public void A_password_may_have_at_most_128_characters(int length, bool tooLong)
    {
        var password = string.Concat(Enumerable.Repeat("Tulipe-Verte-Hiver-92 ", 30))[..length];
        Assert.Equal(length, password.Length);

        RuleCodes.AssertExactly(tooLong ? [AccountRuleCodes.PasswordTooLong] : [], Check(password));
    }

    [Theory]
    [InlineData(9, new[] { AccountRuleCodes.PasswordTooShort })]
    [InlineData(10, new string[0])]
    [InlineData(128, new string[0])]
    [InlineData(129, new[] { AccountRuleCodes.PasswordTooLong })]
    public void Length_counts_code_points_not_UTF16_units(int emojiCount, string[] expected)
    {
        // Distinct characters outside the BMP: each is two UTF-16 units but one code point.
        var password = string.Concat(Enumerable.Range(0, emojiCount).Select(i => char.ConvertFromUtf32(0x1F300 + i)));
        Assert.Equal(2 * emojiCount, password.Length);

        RuleCodes.AssertExactly(expected, Check(password));
    }

    [Fact]
    public void Length_is_counted_after_composing_accents()
    {
        // "Cafe" + combining acute accent + "-Ver9": 10 code points as typed, 9 once composed to "Café-Ver9".
        var decomposed = "Cafe\u0301-Ver9";
        Assert.Equal(10, decomposed.Length);

        RuleCodes.AssertExactly([AccountRuleCodes.PasswordTooShort], Check(decomposed));
    }

    [Theory]
    [InlineData("Tulipe-aaa-Vert", true)]
    [InlineData("Tulipe-111-Vert", true)]
    [InlineData("Tulipe-AaA-Vert", true)] // without regard to case
    [InlineData("Tulipe-ÉéÉ-Vert", true)]
    [InlineData("Tulipe---Vert-9", true)]
    [InlineData("Tulipe   Vert 9", true)]
    [InlineData("aaaaaaaaaaaa", true)]
    [InlineData("Tulipe-aa-Vert", false)] // two in a row is fine
    [InlineData("Tulipe-11-Vert-11", false)]
    [InlineData("Tulipe-a-a-a-Vert", false)]
    public void Three_identical_characters_in_a_row_are_a_repetition(string password, bool repetition)
    {
        RuleCodes.AssertExactly(repetition ? [AccountRuleCodes.PasswordRepetition] : [], Check(password));
    }

    [Fact]
    public void Three_identical_characters_outside_the_BMP_are_a_repetition()
    {
        // "😀😀😀" is three identical characters in a row (mission.md §1); length already counts code points.
        var password = "Tulipe-\U0001F600\U0001F600\U0001F600-Vert";

        RuleCodes.AssertExactly([AccountRuleCodes.PasswordRepetition], Check(password));
    }

    [Theory]
    [InlineData("Tulipe-abcd-Vert")] // ascending letters
    [InlineData("Tulipe-dcba-Vert")] // descending letters
    [InlineData("Tulipe-ABCD-Vert")] // without regard to case
    [InlineData("Tulipe-wxyz-Vert")]
    [InlineData("Tulipe-1234-Vert")] // ascending digits
    [InlineData("Tulipe-4321-Vert")] // descending digits
    [InlineData("Tulipe-0123-Vert")]
    [InlineData("Tulipe-7890-Vert")] // the digit row of the keyboard
    [InlineData("Tulipe-0987-Vert")]
    [InlineData("Tulipe-qwer-Vert")] // QWERTY rows
    [InlineData("Tulipe-rewq-Vert")]
    [InlineData("Tulipe-uiop-Vert")]
    [InlineData("Tulipe-asdf-Vert")]
    [InlineData("Tulipe-lkjh-Vert")]
    [InlineData("Tulipe-zxcv-Vert")]
    [InlineData("Tulipe-mnbv-Vert")]
    [InlineData("Tulipe-azer-Vert")] // AZERTY rows
    [InlineData("Tulipe-qsdf-Vert")]
    [InlineData("Tulipe-wxcv-Vert")]
    [InlineData("Tulipe-abcdefgh-Vert")]
    public void Four_consecutive_letters_digits_or_keys_are_a_sequence(string password)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordSequence], Check(password));
    }

    [Theory]
    [InlineData("Tulipe-abc-Vert")] // three long is allowed
    [InlineData("Tulipe-cba-Vert")]
    [InlineData("Tulipe-123-Vert")]
    [InlineData("Tulipe-qwe-Vert")]
    [InlineData("Tulipe-abce-Vert")] // not consecutive
    [InlineData("Tulipe-1243-Vert")]
    [InlineData("Tulipe-ab-cd-Vert")]
    [InlineData("Tulipe-qwas-Vert")] // across rows
    public void Runs_shorter_than_4_or_broken_runs_are_not_a_sequence(string password)
    {
        Assert.Empty(Check(password));
    }

    [Theory]
    [InlineData("Tulipe-marie85-Vert")]
    [InlineData("Tulipe-MARIE85-Vert")] // without regard to case
    [InlineData("Marie85-Tulipe")]
    [InlineData("Tulipe-Marie85")]
    public void A_password_containing_the_username_is_refused(string password)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordContainsUsername], Check(password));
    }

    [Theory]
    [InlineData("tulipeverte92")]
    [InlineData("TulipeVerte92")]
    public void A_password_equal_to_the_username_is_refused(string password)
    {
        RuleCodes.AssertExactly(
            [AccountRuleCodes.PasswordContainsUsername],
            _rules.Check(password, "tulipeverte92", Email));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_username_the_username_rule_does_not_apply(string? username)
    {
        Assert.Empty(_rules.Check("Tulipe-marie85-Vert", username));
    }

    [Theory]
    [InlineData("marie@exemple.ca")]
    [InlineData("Tulipe@Verte.quebec")]
    [InlineData("autre.personne@courriel.qc.ca")]
    public void A_password_shaped_like_an_email_address_is_refused(string password)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordIsEmail], Check(password));
    }

    [Fact]
    public void A_password_containing_the_persons_email_address_is_refused()
    {
        // The spaces keep it from being e-mail-shaped; it is refused because it contains the address given.
        const string password = "Vert MARIE@exemple.ca 92";

        RuleCodes.AssertExactly([AccountRuleCodes.PasswordIsEmail], _rules.Check(password, Username, Email));
        Assert.Empty(_rules.Check(password, Username));
    }

    [Theory]
    [InlineData("correcthorse1")]
    [InlineData("CorrectHorse1")] // without regard to case
    [InlineData("motdepasse123")]
    [InlineData("SOLEIL2024!")]
    public void A_common_password_is_refused(string password)
    {
        RuleCodes.AssertExactly([AccountRuleCodes.PasswordCommon], Check(password));
    }

    [Fact]
    public void A_password_not_on_the_common_list_is_not_common()
    {
        Assert.Empty(Check("correcthorse2"));
    }

    [Fact]
    public void A_common_password_typed_with_decomposed_accents_is_still_common()
    {
        var rules = new PasswordRules(new CommonPasswordList(["étéchaud2024"]));

        RuleCodes.AssertExactly([AccountRuleCodes.PasswordCommon], rules.Check("e\u0301te\u0301chaud2024", Username));
    }

    [Fact]
    public void Every_broken_rule_is_reported_together()
    {
        RuleCodes.AssertExactly(
            [
                AccountRuleCodes.PasswordTooShort,
                AccountRuleCodes.PasswordRepetition,
                AccountRuleCodes.PasswordSequence,
            ],
            Check("aaa1234"));

        RuleCodes.AssertExactly(
            [
                AccountRuleCodes.PasswordRepetition,
                AccountRuleCodes.PasswordSequence,
                AccountRuleCodes.PasswordContainsUsername,
            ],
            Check("Marie85-aaa-1234"));

        RuleCodes.AssertExactly(
            [
                AccountRuleCodes.PasswordContainsUsername,
                AccountRuleCodes.PasswordIsEmail,
            ],
            Check("marie85@exemple.ca"));
    }

    [Fact]
    public void A_too_long_password_still_reports_its_other_broken_rules()
    {
        var password = "aaa-abcd-" + string.Concat(Enumerable.Repeat("Tulipe-Verte-Hiver-92 ", 6));
        Assert.True(password.Length > PasswordRules.MaximumLength);

        RuleCodes.AssertExactly(
            [
                AccountRuleCodes.PasswordTooLong,
                AccountRuleCodes.PasswordRepetition,
                AccountRuleCodes.PasswordSequence,
            ],
            Check(password));
    }
}
