using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

public sealed class SecurityQuestionsTests
{
    // Few iterations keep the unit tests quick; the server uses 210,000 (SesameServices).
    private readonly SecurityAnswerHasher _hasher = new(new PasswordHasher<SesameUser>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 })));
    private readonly SesameUser _user = new() { Id = Guid.NewGuid(), UserName = "luc@exemple.ca", Population = AccountPopulation.Professional };

    [Theory]
    [InlineData("Côté  Tremblay", "cote tremblay")]
    [InlineData("  Saint-Jérôme ", "saint-jerome")]
    [InlineData("ÉCOLE\tDES\u00A0Pins", "ecole des pins")]
    [InlineData("\u202Erex\u202C", "rex")]
    [InlineData("ﬁdèle", "fidele")]
    public void Answers_are_folded_for_case_accents_and_spaces(string answer, string folded) =>
        Assert.Equal(folded, SecurityQuestions.Normalize(answer));

    [Fact]
    public void A_seed_always_gives_the_same_pair_and_the_seeds_reach_all_28_pairs()
    {
        var seen = new HashSet<(int, int)>();
        for (uint value = 0; value < 280; value++)
        {
            var pair = SecurityQuestions.PairFor(BitConverter.GetBytes(value));
            Assert.Equal(pair, SecurityQuestions.PairFor(BitConverter.GetBytes(value)));
            Assert.True(pair[0] < pair[1] && SecurityQuestions.Exists(pair[0]) && SecurityQuestions.Exists(pair[1]));
            seen.Add((pair[0], pair[1]));
        }

        Assert.Equal(28, seen.Count);
    }

    [Fact]
    public void An_answer_matches_whatever_its_case_accents_and_spaces()
    {
        var stored = _hasher.Hash(_user, 3, "Côté-Tremblay");

        Assert.True(_hasher.Matches(_user, stored, "  cote-TREMBLAY "));
        Assert.False(_hasher.Matches(_user, stored, "Tremblay"));
        Assert.False(_hasher.Matches(_user, stored, null));
    }

    [Fact]
    public void The_hash_is_a_slow_password_hash_and_not_the_answer()
    {
        var stored = _hasher.Hash(_user, 1, "Rex");

        Assert.DoesNotContain("rex", stored.AnswerHash, StringComparison.OrdinalIgnoreCase);
        // Identity's version 3 format (PBKDF2), whose first byte is 0x01.
        Assert.Equal(0x01, Convert.FromBase64String(stored.AnswerHash)[0]);
        Assert.NotEqual(stored.AnswerHash, _hasher.Hash(_user, 1, "Rex").AnswerHash);
    }

    [Fact]
    public void One_questions_hash_does_not_answer_another()
    {
        var stored = _hasher.Hash(_user, 1, "Rex");

        Assert.False(_hasher.Matches(_user, new SecurityAnswer { Question = 2, AnswerHash = stored.AnswerHash }, "Rex"));
    }

    [Theory]
    [InlineData(SecurityQuestions.AskedAtSignIn)]
    [InlineData(SecurityQuestions.AskedForReset)]
    public void Different_questions_are_drawn_from_the_eight_and_every_one_comes_up(int count)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < 200; i++)
        {
            var drawn = count == SecurityQuestions.AskedAtSignIn ? SecurityQuestions.Draw() : SecurityQuestions.Draw(count);
            Assert.Equal(count, drawn.Length);
            Assert.Equal(drawn.Order(), drawn);
            Assert.Equal(count, drawn.Distinct().Count());
            Assert.All(drawn, q => Assert.True(SecurityQuestions.Exists(q)));
            seen.UnionWith(drawn);
        }

        Assert.Equal(SecurityQuestions.Count, seen.Count);
    }

    [Theory]
    [InlineData(null, AccountRuleCodes.SecurityAnswerRequired)]
    [InlineData("  ", AccountRuleCodes.SecurityAnswerRequired)]
    [InlineData("a", AccountRuleCodes.SecurityAnswerTooShort)]
    [InlineData(" é ", AccountRuleCodes.SecurityAnswerTooShort)]
    public void An_answer_needs_two_characters(string? answer, string code) =>
        RuleCodes.AssertExactly([code], SecurityQuestions.Check(answer));

    [Fact]
    public void An_answer_has_at_most_100_characters()
    {
        Assert.Empty(SecurityQuestions.Check(new string('a', 100)));
        RuleCodes.AssertExactly([AccountRuleCodes.SecurityAnswerTooLong], SecurityQuestions.Check(new string('a', 101)));
    }
}
