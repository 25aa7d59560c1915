using Microsoft.Extensions.DependencyInjection;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>Revenu Québec's notice verification through Sesame's adapter, against the simulator (docs/registries.md).</summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class RevenuQuebecRegistryTests(RegistrySimulatorFixture simulator)
{
    private IRevenuQuebecRegistry Registry => simulator.Adapters.GetRequiredService<IRevenuQuebecRegistry>();

    [Theory]
    [InlineData(-2, -1)] // seed 001: the two most recent tax years
    [InlineData(-5, -1)] // seed 002: the last five
    [InlineData(-1, -1)]
    public async Task Marie_Tremblays_last_notice_matches_for_a_window_that_covers_its_tax_year(int from, int to)
    {
        var marie = Demo.Marie;
        var notice = marie.Notices.Single(n => n.TaxYear == Demo.Year - 1);

        var result = await Registry.VerifyNoticeAsync(
            new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, notice.Number, Demo.Year + from, Demo.Year + to),
            CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, result.Outcome);
        Assert.True(result.Answered);
        Assert.Equal("RevenuQuebec", result.Registry);
        Assert.Matches("^RQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", result.Reference);
    }

    [Theory]
    [InlineData(-5, -2)] // her other notice is of year - 2, not this one
    [InlineData(-6, -3)]
    [InlineData(0, 0)] // the current tax year has no notice yet
    public async Task Marie_Tremblays_last_notice_does_not_match_for_tax_years_that_do_not_cover_it(int from, int to)
    {
        var marie = Demo.Marie;
        var notice = marie.Notices.Single(n => n.TaxYear == Demo.Year - 1);

        var result = await Registry.VerifyNoticeAsync(
            new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, notice.Number, Demo.Year + from, Demo.Year + to),
            CancellationToken.None);

        Assert.Equal(RegistryOutcome.NoMatch, result.Outcome);
        Assert.True(result.Answered);
        Assert.NotNull(result.Reference);
    }

    [Fact]
    public async Task Marie_Tremblays_older_notice_matches_only_while_the_window_reaches_back_to_its_tax_year()
    {
        var marie = Demo.Marie;
        var older = marie.Notices.Single(n => n.TaxYear == Demo.Year - 2);
        var verification = new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, older.Number, Demo.Year - 2, Demo.Year - 1);

        var inWindow = await Registry.VerifyNoticeAsync(verification, CancellationToken.None);
        var windowStartsLater = await Registry.VerifyNoticeAsync(verification with { TaxYearFrom = Demo.Year - 1 }, CancellationToken.None);

        Assert.Equal(RegistryOutcome.Match, inWindow.Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, windowStartsLater.Outcome);
    }

    [Fact]
    public async Task A_notice_sent_with_someone_elses_social_insurance_number_or_birth_date_does_not_match()
    {
        var marie = Demo.Marie;
        var notice = marie.Notices[0];
        var genuine = new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, notice.Number, Demo.Year - 2, Demo.Year - 1);

        Assert.Equal(RegistryOutcome.Match, (await Registry.VerifyNoticeAsync(genuine, CancellationToken.None)).Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, (await Registry.VerifyNoticeAsync(genuine with { Sin = Demo.Luc.Nas }, CancellationToken.None)).Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, (await Registry.VerifyNoticeAsync(genuine with { BirthDate = marie.BirthDate.AddDays(1) }, CancellationToken.None)).Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, (await Registry.VerifyNoticeAsync(genuine with { NoticeNumber = Demo.Luc.Notices[0].Number }, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Two_verifications_get_two_different_reference_ids()
    {
        var marie = Demo.Marie;
        var verification = new NoticeVerification(marie.Nas, marie.GivenNames, marie.FamilyName, marie.BirthDate, marie.Notices[0].Number, Demo.Year - 2, Demo.Year - 1);

        var first = await Registry.VerifyNoticeAsync(verification, CancellationToken.None);
        var second = await Registry.VerifyNoticeAsync(verification, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(first.Reference));
        Assert.False(string.IsNullOrEmpty(second.Reference));
        Assert.NotEqual(first.Reference, second.Reference);
    }
}
