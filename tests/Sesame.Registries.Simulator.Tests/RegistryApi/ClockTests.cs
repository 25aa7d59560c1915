using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary>
/// What changes with time, on a simulator of its own whose fake clock the test moves: activation keys last 90 days
/// (seed 002), a card counts until the end of its expiry month (identifiers.md), and "last tax year" follows the year.
/// </summary>
public sealed class ClockTests
{
    [Fact]
    public async Task An_activation_key_matches_for_ninety_days_and_not_after()
    {
        using var host = new SimulatorHost().Started();
        var zoe = Demo.Zoe;
        await host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(zoe), Guid.NewGuid().ToString());
        var key = (await host.LettersAsync())[0].Secret;

        host.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        var lastMinute = await host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(zoe, key));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(zoe, key));

        Assert.Equal(["match", "no_match"], [lastMinute.Outcome, expired.Outcome]);
    }

    [Fact]
    public async Task A_card_counts_until_the_last_day_of_its_expiry_month()
    {
        using var host = new SimulatorHost().Started();
        var marie = Demo.Marie;
        host.Clock.SetUtcNow(new DateTimeOffset(2028, 4, 30, 23, 0, 0, TimeSpan.Zero));
        await host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(marie), Guid.NewGuid().ToString());
        var key = (await host.LettersAsync())[0].Secret;

        var lastDayCard = await host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie, "125478569"));
        var lastDayKey = await host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(marie, key));
        host.Clock.SetUtcNow(new DateTimeOffset(2028, 5, 1, 1, 0, 0, TimeSpan.Zero));
        var expiredCard = await host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(marie, "125478569"));
        var expiredKey = await host.AnswerAsync(ActivationKey, SimulatorHost.RamqKey, ActivationKeyOf(marie, key));

        Assert.Equal(["match", "match", "no_match", "no_match"], [lastDayCard.Outcome, lastDayKey.Outcome, expiredCard.Outcome, expiredKey.Outcome]);
    }

    [Fact]
    public async Task When_the_year_turns_maries_notice_is_still_for_last_year()
    {
        using var host = new SimulatorHost().Started();
        var number = Demo.Marie.Notices[0].Number;
        var year = SimulatorHost.Year;

        var before = await host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(Demo.Marie, number, year - 1, year - 1));
        host.Clock.SetUtcNow(new DateTimeOffset(year + 1, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var after = await host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(Demo.Marie, number, year, year));
        var oldYear = await host.AnswerAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, NoticeOf(Demo.Marie, number, year - 1, year - 1));

        Assert.Equal(["match", "match", "no_match"], [before.Outcome, after.Outcome, oldYear.Outcome]);
        Assert.Equal(year + 1, host.Population.Year);
    }
}
