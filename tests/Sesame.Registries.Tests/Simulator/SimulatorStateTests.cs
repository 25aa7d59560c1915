using Microsoft.Extensions.Time.Testing;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>What the simulated RAMQ remembers between calls: its activation keys (90 days, the last one only) and the first answer to a letter request.</summary>
public sealed class SimulatorStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void An_activation_key_works_for_ninety_days_and_not_after()
    {
        var time = new FakeTimeProvider(Now);
        var state = new SimulatorState(time, new SimulatorOptions());
        var key = state.IssueActivationKey("TREM85531419");

        Assert.Matches("^[0-9]{4}$", key);
        Assert.True(state.IsActivationKey("TREM85531419", key));
        time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        Assert.True(state.IsActivationKey("TREM85531419", key));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(state.IsActivationKey("TREM85531419", key));
    }

    [Fact]
    public void A_new_activation_key_replaces_the_previous_one_and_belongs_to_its_person_only()
    {
        var state = new SimulatorState(new FakeTimeProvider(Now), new SimulatorOptions());
        var first = state.IssueActivationKey("TREM85531419");
        string second;
        do
        {
            second = state.IssueActivationKey("TREM85531419");
        }
        while (second == first);

        Assert.False(state.IsActivationKey("TREM85531419", first));
        Assert.True(state.IsActivationKey("TREM85531419", second));
        Assert.False(state.IsActivationKey("GAGL72110216", second));
    }

    [Fact]
    public void The_first_answer_for_an_idempotency_key_is_kept_and_made_once()
    {
        var state = new SimulatorState(new FakeTimeProvider(Now), new SimulatorOptions());
        var made = 0;

        var first = state.Once("c0ffee00-0000-4000-8000-000000000001", () => $"answer {++made}");
        var again = state.Once("c0ffee00-0000-4000-8000-000000000001", () => $"answer {++made}");
        var other = state.Once("c0ffee00-0000-4000-8000-000000000002", () => $"answer {++made}");
        var noKey = state.Once<string>(null, () => $"answer {++made}");

        Assert.Equal("answer 1", first);
        Assert.Equal("answer 1", again);
        Assert.Equal("answer 2", other);
        Assert.Equal("answer 3", noKey);
    }

    [Fact]
    public void Faults_are_none_until_switched_and_one_registry_at_a_time()
    {
        var state = new SimulatorState(new FakeTimeProvider(Now), new SimulatorOptions());

        state.SetFault(SimulatedRegistry.Ramq, FaultMode.Slow);

        Assert.Equal(FaultMode.Slow, state.FaultOf(SimulatedRegistry.Ramq));
        Assert.Equal(FaultMode.None, state.FaultOf(SimulatedRegistry.Saaq));
        Assert.Equal(FaultMode.None, state.FaultOf(SimulatedRegistry.RevenuQuebec));
    }
}
