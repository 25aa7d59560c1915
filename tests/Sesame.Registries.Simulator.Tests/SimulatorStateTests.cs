using Microsoft.Extensions.Time.Testing;

namespace Sesame.Registries.Simulator.Tests;

/// <summary>
/// What the simulated registries remember between calls (thread-safe): activation keys, the first answer to an
/// idempotency key, the mail room, the fault switches, and the population for the current year.
/// </summary>
public sealed class SimulatorStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    private static SimulatorState NewState(TimeProvider? time = null, int populationSize = 200) =>
        new(time ?? new FakeTimeProvider(Now), new SimulatorOptions { PopulationSize = populationSize });

    [Fact]
    public void An_activation_key_is_four_digits_works_for_ninety_days_and_for_its_person_only()
    {
        var time = new FakeTimeProvider(Now);
        var state = NewState(time);

        var key = state.IssueActivationKey("TREM85531419");

        Assert.Matches("^[0-9]{4}$", key);
        Assert.True(state.IsActivationKey("TREM85531419", key));
        Assert.False(state.IsActivationKey("GAGL72110216", key));
        Assert.False(state.IsActivationKey("TREM85531419", key + "0"));
        time.Advance(SimulatorState.ActivationKeyValidity - TimeSpan.FromSeconds(1));
        Assert.True(state.IsActivationKey("TREM85531419", key));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(state.IsActivationKey("TREM85531419", key));
    }

    [Fact]
    public void A_new_activation_key_replaces_the_previous_one()
    {
        var state = NewState();
        var first = state.IssueActivationKey("TREM85531419");
        string second;
        do
        {
            second = state.IssueActivationKey("TREM85531419");
        }
        while (second == first);

        Assert.False(state.IsActivationKey("TREM85531419", first));
        Assert.True(state.IsActivationKey("TREM85531419", second));
    }

    [Fact]
    public void The_first_answer_for_an_idempotency_key_is_made_once_even_when_asked_at_the_same_time()
    {
        var state = NewState();
        var made = 0;

        var answers = new string[16];
        Parallel.For(0, answers.Length, i => answers[i] = state.Once("c0ffee00-0000-4000-8000-000000000001", () =>
        {
            Thread.Sleep(20);
            return $"answer {Interlocked.Increment(ref made)}";
        }));
        var other = state.Once("c0ffee00-0000-4000-8000-000000000002", () => $"answer {Interlocked.Increment(ref made)}");
        var noKey = state.Once<string>(null, () => $"answer {Interlocked.Increment(ref made)}");

        Assert.All(answers, a => Assert.Equal("answer 1", a));
        Assert.Equal(("answer 2", "answer 3"), (other, noKey));
        Assert.Equal(3, made);
    }

    [Fact]
    public void An_answer_that_failed_is_made_again_for_the_same_key()
    {
        var state = NewState();

        Assert.Throws<InvalidOperationException>(() => state.Once<string>("key", () => throw new InvalidOperationException("the mail room is closed")));
        var again = state.Once("key", () => "sent");

        Assert.Equal("sent", again);
    }

    [Fact]
    public void The_mail_room_lists_letters_newest_first_and_keeps_the_newest_when_full()
    {
        var state = NewState();
        for (var i = 0; i < SimulatorState.MailRoomCapacity + 3; i++)
        {
            state.Mail(new Letter(Now.AddSeconds(i), "postal-secret", "Marie Tremblay", "1200, rue des Érables", $"lettre {i}", $"{i}"));
        }

        var letters = state.Letters;

        Assert.Equal(SimulatorState.MailRoomCapacity, letters.Count);
        Assert.Equal($"{SimulatorState.MailRoomCapacity + 2}", letters[0].Secret);
        Assert.Equal("3", letters[^1].Secret);
    }

    [Fact]
    public void Letters_mailed_from_many_threads_are_all_kept()
    {
        var state = NewState();

        Parallel.For(0, 500, i => state.Mail(new Letter(Now, "activation-key", $"Personne {i}", "adresse", "clé", $"{i:0000}")));

        Assert.Equal(500, state.Letters.Select(l => l.Secret).Distinct().Count());
    }

    [Fact]
    public void Faults_are_none_until_switched_and_one_registry_at_a_time()
    {
        var state = NewState();
        Assert.All(Enum.GetValues<SimulatedRegistry>(), r => Assert.Equal(FaultMode.None, state.FaultOf(r)));

        state.SetFault(SimulatedRegistry.Ramq, FaultMode.Down);

        Assert.Equal(FaultMode.Down, state.FaultOf(SimulatedRegistry.Ramq));
        Assert.Equal(FaultMode.None, state.FaultOf(SimulatedRegistry.Saaq));
        Assert.Equal(FaultMode.None, state.FaultOf(SimulatedRegistry.RevenuQuebec));
        state.SetFault(SimulatedRegistry.Ramq, FaultMode.None);
        Assert.Equal(FaultMode.None, state.FaultOf(SimulatedRegistry.Ramq));
    }

    [Fact]
    public void The_population_is_built_once_a_year_on_the_states_clock()
    {
        var time = new FakeTimeProvider(Now);
        var state = NewState(time);

        var first = state.Population;
        time.Advance(TimeSpan.FromDays(30));
        var sameYear = state.Population;
        time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));
        var nextYear = state.Population;

        Assert.Same(first, sameYear);
        Assert.Equal((2026, 2027), (first.Year, nextYear.Year));
        Assert.Equal(200, nextYear.People.Count);
        Assert.Equal(2026, nextYear.ByNam("TREM85531419")!.Notices[0].TaxYear);
    }

    [Fact]
    public void References_are_fresh_and_shaped_like_the_contracts()
    {
        var references = Enumerable.Range(0, 1_000).Select(_ => SimulatorState.Reference("RQ")).ToList();

        Assert.Equal(references.Count, references.Distinct(StringComparer.Ordinal).Count());
        Assert.All(references, r => Assert.Matches("^RQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", r));
    }
}
