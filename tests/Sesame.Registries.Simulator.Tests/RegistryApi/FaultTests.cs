using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary>A simulator of its own for the fault tests: a fault set here must not reach the other test classes.</summary>
public sealed class FaultySimulator : IDisposable
{
    /// <summary>Longer than the impatient client waits, short enough for the patient one.</summary>
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(2);

    public SimulatorHost Host { get; } = new SimulatorHost(new Dictionary<string, string?>
    {
        ["Simulator:SlowDelay"] = SlowDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    }).Started();

    public void Dispose() => Host.Dispose();
}

/// <summary>
/// The fault switches (docs/registries.md, "The simulator"; issue 4): <c>down</c> drops the connection, <c>slow</c>
/// answers late, <c>error</c> is a 500, <c>none</c> restores; each registry separately.
/// </summary>
public sealed class FaultTests(FaultySimulator faulty) : IClassFixture<FaultySimulator>, IAsyncLifetime
{
    private SimulatorHost Host => faulty.Host;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Every test leaves the registries as it found them.</summary>
    public async Task DisposeAsync()
    {
        foreach (var registry in new[] { "revenu-quebec", "ramq", "saaq" })
        {
            await Host.SetFaultAsync(registry, "none");
        }
    }

    [Fact]
    public async Task Down_drops_the_connection_and_none_restores_the_answers()
    {
        await Host.SetFaultAsync("saaq", "down");

        await Assert.ThrowsAsync<HttpRequestException>(() => Host.PostAsync(Licence, SimulatorHost.SaaqKey, MarieLicence()));

        await Host.SetFaultAsync("saaq", "none");
        Assert.Equal("match", (await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, MarieLicence())).Outcome);
    }

    [Fact]
    public async Task Error_answers_500_without_an_outcome()
    {
        await Host.SetFaultAsync("revenu-quebec", "error");

        using var response = await Host.PostAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, MarieNotice());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("outcome", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_keeps_an_impatient_client_waiting_past_its_timeout()
    {
        await Host.SetFaultAsync("ramq", "slow");
        using var impatient = Host.NewClient(TimeSpan.FromMilliseconds(250));

        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            SimulatorHost.PostJsonAsync(impatient, Card, SimulatorHost.RamqKey, JsonSerializer.Serialize(MarieCard(), JsonSerializerOptions.Web)));
    }

    [Fact]
    public async Task Slow_still_answers_a_patient_client()
    {
        await Host.SetFaultAsync("ramq", "slow");
        using var patient = Host.NewClient(TimeSpan.FromSeconds(60));

        using var response = await SimulatorHost.PostJsonAsync(patient, Card, SimulatorHost.RamqKey, JsonSerializer.Serialize(MarieCard(), JsonSerializerOptions.Web));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("match", Answer.Parse(await response.Content.ReadAsStringAsync()).Outcome);
    }

    [Fact]
    public async Task A_slow_letter_abandoned_by_its_client_is_never_mailed()
    {
        await Host.SetFaultAsync("ramq", "slow");
        var secret = NewSecret();
        using var impatient = Host.NewClient(TimeSpan.FromMilliseconds(250));

        await Assert.ThrowsAsync<TaskCanceledException>(() => SimulatorHost.PostJsonAsync(impatient, Letters, SimulatorHost.RamqKey,
            JsonSerializer.Serialize(PostalSecretLetterOf(Demo.Marie, secret), JsonSerializerOptions.Web)));
        // Past the slow delay: had the request gone on without its client, the letter would be there by now.
        await Task.Delay(FaultySimulator.SlowDelay + TimeSpan.FromSeconds(1));

        Assert.DoesNotContain(await Host.LettersAsync(), l => l.Secret == secret);
    }

    [Fact]
    public async Task A_fault_on_one_registry_leaves_the_others_answering()
    {
        await Host.SetFaultAsync("ramq", "down");
        await Host.SetFaultAsync("revenu-quebec", "error");

        Assert.Equal("match", (await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, MarieLicence())).Outcome);
        using var failing = await Host.PostAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, MarieNotice());
        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.PostAsync(Card, SimulatorHost.RamqKey, MarieCard()));
        // Every RAMQ contract is down, not only the one called.
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.PostAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(Demo.Marie, NewSecret())));

        await Host.SetFaultAsync("ramq", "none");
        Assert.Equal("match", (await Host.AnswerAsync(Card, SimulatorHost.RamqKey, MarieCard())).Outcome);
        using var stillFailing = await Host.PostAsync(NoticeVerifications, SimulatorHost.RevenuQuebecKey, MarieNotice());
        Assert.Equal(HttpStatusCode.InternalServerError, stillFailing.StatusCode);
    }

    [Fact]
    public async Task The_switches_state_is_readable_and_shown_on_the_home_page()
    {
        await Host.SetFaultAsync("RevenuQuebec", "Slow");
        await Host.SetFaultAsync("saaq", "error");

        var state = await Host.Client.GetFromJsonAsync<Dictionary<string, string>>("pannes");
        var home = await Host.Client.GetStringAsync("");

        Assert.Equal(new Dictionary<string, string> { ["revenu-quebec"] = "slow", ["ramq"] = "none", ["saaq"] = "error" }, state);
        Assert.Contains("RevenuQuebec : Slow", home, StringComparison.Ordinal);
        Assert.Contains("Saaq : Error", home, StringComparison.Ordinal);
        Assert.Contains("Ramq : None", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"registry":"cra","mode":"down"}""")]
    [InlineData("""{"registry":"","mode":"down"}""")]
    [InlineData("""{"mode":"down"}""")]
    [InlineData("""{"registry":"ramq","mode":"broken"}""")]
    [InlineData("""{"registry":"ramq","mode":"1"}""")]
    [InlineData("""{"registry":"ramq"}""")]
    [InlineData("""{"registry":"ramq","mode":"down","delay":5}""")]
    [InlineData("ramq=down")]
    public async Task A_switch_for_an_unknown_registry_or_mode_gets_400_and_changes_nothing(string json)
    {
        using var response = await Host.Client.PostAsync("pannes", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("match", (await Host.AnswerAsync(Card, SimulatorHost.RamqKey, MarieCard())).Outcome);
    }

    private static object MarieLicence() => LicenceOf(Demo.Marie, Demo.Marie.LicenceReference!);

    private static object MarieCard() => CardOf(Demo.Marie, Demo.Marie.Card.ReferenceNumber!);

    private static object MarieNotice() => NoticeOf(Demo.Marie, Demo.Marie.Notices[0].Number, SimulatorHost.Year - 2, SimulatorHost.Year - 1);
}
