using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary>
/// <c>POST revenu-quebec/v1/notice-verifications</c> (docs/registries.md): the notice belongs to the person with that NAS,
/// names and date of birth, for a tax year from <c>taxYearFrom</c> to <c>taxYearTo</c>.
/// </summary>
[Collection(SharedSimulatorCollection.Name)]
public sealed class RevenuQuebecTests(SharedSimulator shared)
{
    private static readonly int Year = SimulatorHost.Year;

    private SimulatorHost Host => shared.Host;

    [Theory]
    [InlineData(-2, -1)] // seed 001: the two most recent tax years
    [InlineData(-5, -1)] // seed 002: the last five
    [InlineData(-1, -1)]
    public async Task Maries_notice_for_last_year_matches_in_a_window_that_covers_it(int from, int to)
    {
        var marie = Demo.Marie;
        var notice = marie.Notices.Single(n => n.TaxYear == Year - 1);

        var answer = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie, notice.Number, Year + from, Year + to));

        Assert.Equal("match", answer.Outcome);
        Assert.Matches("^RQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", answer.Reference);
    }

    [Theory]
    [InlineData(-5, -2)]
    [InlineData(0, 0)] // the current tax year has no notice yet
    [InlineData(-6, -6)]
    public async Task Maries_notice_for_last_year_does_not_match_outside_the_window(int from, int to)
    {
        var marie = Demo.Marie;
        var notice = marie.Notices.Single(n => n.TaxYear == Year - 1);

        var answer = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie, notice.Number, Year + from, Year + to));

        Assert.Equal("no_match", answer.Outcome);
    }

    [Fact]
    public async Task Jeans_notice_from_four_years_ago_passes_the_five_year_window_only()
    {
        var jean = Demo.Jean;
        var notice = Assert.Single(jean.Notices);

        var twoYears = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(jean, notice.Number, Year - 2, Year - 1));
        var fiveYears = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(jean, notice.Number, Year - 5, Year - 1));

        Assert.Equal("no_match", twoYears.Outcome);
        Assert.Equal("match", fiveYears.Outcome);
    }

    [Fact]
    public async Task A_generated_persons_every_notice_matches_for_its_own_tax_year()
    {
        var person = Host.Population.People.Skip(5).First(p => p.Notices.Count >= 3);

        foreach (var notice in person.Notices)
        {
            var answer = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(person, notice.Number, notice.TaxYear, notice.TaxYear));
            Assert.Equal("match", answer.Outcome);
        }
    }

    [Fact]
    public async Task Another_nas_birth_date_name_or_notice_does_not_match()
    {
        var marie = Demo.Marie;
        var number = marie.Notices[0].Number;
        var genuine = NoticeOf(marie, number, Year - 2, Year - 1);

        var otherNas = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie with { Nas = Demo.Luc.Nas }, number, Year - 2, Year - 1));
        var unknownNas = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie with { Nas = "046454287" }, number, Year - 2, Year - 1));
        var otherBirth = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie with { BirthDate = marie.BirthDate.AddDays(1) }, number, Year - 2, Year - 1));
        var othersNotice = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie, Demo.Luc.Notices[0].Number, Year - 2, Year - 1));
        var otherFamily = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(marie, number, Year - 2, Year - 1, familyName: "Gagnon"));
        var genuineAgain = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, genuine);

        Assert.Equal(["no_match", "no_match", "no_match", "no_match", "no_match", "match"],
            [otherNas.Outcome, unknownNas.Outcome, otherBirth.Outcome, othersNotice.Outcome, otherFamily.Outcome, genuineAgain.Outcome]);
    }

    [Theory]
    [InlineData("Jean", "D'Amour", "match")]
    [InlineData("jean", "DAMOUR", "match")]
    [InlineData("JEAN", "d’amour", "match")] // a typographic apostrophe
    [InlineData("Jean", "D Amour", "match")]
    [InlineData(" Jean ", "D-Amour", "match")]
    [InlineData("Jeanne", "D'Amour", "no_match")]
    [InlineData("Jean", "Amour", "no_match")]
    [InlineData("Jean", "D'Amours", "no_match")]
    public async Task Apostrophes_spaces_hyphens_and_case_in_names_do_not_matter_but_letters_do(string given, string family, string outcome)
    {
        var jean = Demo.Jean;

        var answer = await Host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey,
            NoticeOf(jean, jean.Notices[0].Number, Year - 5, Year - 1, given, family));

        Assert.Equal(outcome, answer.Outcome);
    }
}
