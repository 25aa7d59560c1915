using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>The simulator's own pages and switches (docs/registries.md, "The simulator"): the demo people, the mail room, the faults.</summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class SimulatorPagesTests(RegistrySimulatorFixture simulator)
{
    [Fact]
    public async Task The_home_page_lists_the_demo_people_with_their_identifiers()
    {
        using var response = await simulator.Raw.GetAsync(new Uri(simulator.Root, "/simulateur/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tremblay", html, StringComparison.Ordinal);
        Assert.Contains("TREM 8553 1419", html, StringComparison.Ordinal);
        // Accented and apostrophe names are written as themselves, HTML-safe.
        Assert.Contains("Zoé", html, StringComparison.Ordinal);
        Assert.Contains("D&#x27;Amour", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_mail_room_answers_in_html_and_shows_a_letter_just_mailed()
    {
        var marie = Demo.Marie;
        var secret = Adapters.RamqRegistryTests.NewSecret();
        using var sent = await simulator.PostAsync("ramq/v1/letters", RegistrySimulatorFixture.RamqKey, $$"""
            {"kind":"postal-secret","nam":"{{marie.Nam}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{Demo.Date(marie.BirthDate)}}","secret":"{{secret}}"}
            """);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        using var response = await simulator.Raw.GetAsync(new Uri(simulator.Root, "/simulateur/courrier"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(secret, html, StringComparison.Ordinal);
        Assert.Contains("Marie Tremblay", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_room_in_json_lists_the_newest_letter_first()
    {
        var marie = Demo.Marie;
        var secrets = new[] { Adapters.RamqRegistryTests.NewSecret(), Adapters.RamqRegistryTests.NewSecret() };
        foreach (var secret in secrets)
        {
            using var sent = await simulator.PostAsync("ramq/v1/letters", RegistrySimulatorFixture.RamqKey, $$"""
                {"kind":"postal-secret","nam":"{{marie.Nam}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{Demo.Date(marie.BirthDate)}}","secret":"{{secret}}"}
                """);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var letters = await simulator.LettersAsync();

        Assert.Contains(secrets[1], letters[0].Content, StringComparison.Ordinal);
        Assert.Contains(secrets[0], letters[1].Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ramq", "Ramq : Error")]
    [InlineData("revenu-quebec", "RevenuQuebec : Error")]
    [InlineData("SAAQ", "Saaq : Error")]
    public async Task A_fault_switched_on_shows_on_the_home_page(string registry, string shown)
    {
        try
        {
            using var response = await simulator.Raw.PostAsJsonAsync("pannes", new { registry, mode = "error" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var html = await simulator.Raw.GetStringAsync(new Uri(simulator.Root, "/simulateur/"));

            Assert.Contains(shown, html, StringComparison.Ordinal);
        }
        finally
        {
            await simulator.SetFaultAsync(registry, "none");
        }

        Assert.DoesNotContain(shown, await simulator.Raw.GetStringAsync(new Uri(simulator.Root, "/simulateur/")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cra", "down")]
    [InlineData("", "down")]
    [InlineData(null, "down")]
    [InlineData("ramq", "broken")]
    [InlineData("ramq", null)]
    public async Task A_fault_for_an_unknown_registry_or_mode_gets_400(string? registry, string? mode)
    {
        using var response = await simulator.Raw.PostAsJsonAsync("pannes", new { registry, mode });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
    }
}
