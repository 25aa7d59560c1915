using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sesame.Registries.Simulator;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>
/// What only time reveals, on a simulator whose clock the test moves (the simulator takes the host's
/// TimeProvider): an expired card no longer matches, an activation key lasts 90 days.
/// </summary>
public sealed class SimulatedClockTests
{
    private const string RamqKey = "essai-cle-ramq-horloge";

    [Fact]
    public async Task A_card_matches_until_the_last_day_of_its_expiry_month_and_not_after()
    {
        var marie = DemoPeople.All(2028).Single(p => p.FamilyName == "Tremblay");
        var time = new FakeTimeProvider(new DateTimeOffset(marie.Card.Expiry.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        await using var simulator = await StartAsync(time);
        using var client = simulator.GetTestClient();
        var json = $$"""
            {"nam":"{{marie.Nam}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{Demo.Date(marie.BirthDate)}}","referenceNumber":"{{marie.Card.ReferenceNumber}}"}
            """;

        var lastDay = await OutcomeAsync(client, "simulateur/ramq/v1/card-verifications", json);
        time.Advance(TimeSpan.FromDays(1));
        var dayAfter = await OutcomeAsync(client, "simulateur/ramq/v1/card-verifications", json);

        Assert.Equal("match", lastDay);
        Assert.Equal("no_match", dayAfter);
    }

    [Fact]
    public async Task A_mailed_activation_key_verifies_for_ninety_days_and_not_after()
    {
        var zoe = DemoPeople.All(2026).Single(p => p.FamilyName == "Roy");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero));
        await using var simulator = await StartAsync(time);
        using var client = simulator.GetTestClient();
        var sent = await OutcomeAsync(client, "simulateur/ramq/v1/letters", $$"""
            {"kind":"activation-key","nam":"{{zoe.Nam}}","givenName":"{{zoe.GivenNames}}","familyName":"{{zoe.FamilyName}}","birthDate":"{{Demo.Date(zoe.BirthDate)}}"}
            """);
        Assert.Equal("sent", sent);
        using var letters = JsonDocument.Parse(await client.GetStringAsync(new Uri("simulateur/courrier.json", UriKind.Relative)));
        var key = Adapters.RamqRegistryTests.ActivationKeyIn(letters.RootElement[0].GetProperty("content").GetString()!);
        var check = $$"""
            {"nam":"{{zoe.Nam}}","sequentialNumber":"{{zoe.Card.SequentialNumber}}","expiry":"{{zoe.Card.Expiry:yyyy-MM}}","activationKey":"{{key}}"}
            """;

        time.Advance(TimeSpan.FromDays(89));
        var day89 = await OutcomeAsync(client, "simulateur/ramq/v1/activation-key-verifications", check);
        time.Advance(TimeSpan.FromDays(1));
        var day90 = await OutcomeAsync(client, "simulateur/ramq/v1/activation-key-verifications", check);

        Assert.Equal("match", day89);
        Assert.Equal("no_match", day90);
    }

    /// <summary>The simulator in memory (TestServer), on <paramref name="time"/>, with the demo people only.</summary>
    private static async Task<WebApplication> StartAsync(FakeTimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Simulator:Credentials:Ramq"] = RamqKey;
        builder.Configuration["Simulator:PopulationSize"] = "5";
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddRegistrySimulator(builder.Configuration);
        var app = builder.Build();
        app.MapRegistrySimulator("/simulateur");
        await app.StartAsync();
        return app;
    }

    private static async Task<string?> OutcomeAsync(HttpClient client, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RamqKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("outcome").GetString();
    }
}
