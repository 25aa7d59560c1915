using System.Net;
using System.Text.Json;

namespace Sesame.Registries.Tests.Simulator;

/// <summary>The simulator's side of docs/registries.md, seen on the wire with a plain HttpClient.</summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class RegistryApiTests(RegistrySimulatorFixture simulator)
{
    private const string RevenuQuebec = "revenu-quebec/v1/notice-verifications";
    private const string Card = "ramq/v1/card-verifications";
    private const string ActivationKey = "ramq/v1/activation-key-verifications";
    private const string Letters = "ramq/v1/letters";
    private const string Saaq = "saaq/v1/licence-verifications";

    public static TheoryData<string, string, string> BrokenRequests => new()
    {
        // A missing field.
        { Card, RegistrySimulatorFixture.RamqKey, """{"nam":"TREM85531419","givenName":"Marie","birthDate":"1985-03-14","referenceNumber":"125478569"}""" },
        { Saaq, RegistrySimulatorFixture.SaaqKey, """{"givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        { RevenuQuebec, RegistrySimulatorFixture.RevenuQuebecKey, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","taxYearFrom":2024,"taxYearTo":2025}""" },
        { ActivationKey, RegistrySimulatorFixture.RamqKey, """{"nam":"TREM85531419","sequentialNumber":"03","expiry":"2028-04"}""" },
        { Letters, RegistrySimulatorFixture.RamqKey, """{"kind":"postal-secret","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        // A birth date that is not yyyy-MM-dd, or no date at all.
        { Card, RegistrySimulatorFixture.RamqKey, """{"nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"14/03/1985","referenceNumber":"125478569"}""" },
        { Saaq, RegistrySimulatorFixture.SaaqKey, """{"referenceNumber":"K4T9W2M7QA","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-02-30"}""" },
        { Letters, RegistrySimulatorFixture.RamqKey, """{"kind":"activation-key","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-3-14"}""" },
        // Tax years the wrong way round, or none.
        { RevenuQuebec, RegistrySimulatorFixture.RevenuQuebecKey, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":2025,"taxYearTo":2024}""" },
        { RevenuQuebec, RegistrySimulatorFixture.RevenuQuebecKey, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A"}""" },
        // An expiry that is not yyyy-MM.
        { ActivationKey, RegistrySimulatorFixture.RamqKey, """{"nam":"TREM85531419","sequentialNumber":"03","expiry":"04/28","activationKey":"4821"}""" },
        // A letter of a kind the RAMQ does not mail.
        { Letters, RegistrySimulatorFixture.RamqKey, """{"kind":"colis","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","secret":"7K2M9-P4X1A"}""" },
    };

    [Theory]
    [MemberData(nameof(BrokenRequests))]
    public async Task A_request_that_breaks_the_contract_gets_400_invalid_request(string path, string key, string json)
    {
        using var response = await simulator.PostAsync(path, key, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_broken_letter_request_mails_nothing()
    {
        var before = (await simulator.LettersAsync()).Count;

        using var response = await simulator.PostAsync(Letters, RegistrySimulatorFixture.RamqKey,
            """{"kind":"colis","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","secret":"7K2M9-P4X1A"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await simulator.LettersAsync()).Count);
    }

    [Theory]
    [InlineData(Card, null)]
    [InlineData(Card, "not-a-key")]
    [InlineData(Card, RegistrySimulatorFixture.SaaqKey)] // another registry's key
    [InlineData(Saaq, RegistrySimulatorFixture.RamqKey)]
    [InlineData(RevenuQuebec, RegistrySimulatorFixture.RamqKey)]
    [InlineData(Letters, RegistrySimulatorFixture.RevenuQuebecKey)]
    public async Task A_missing_or_wrong_credential_gets_401(string path, string? key)
    {
        using var response = await simulator.PostAsync(path, key, MatchingRequest(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(RevenuQuebec, RegistrySimulatorFixture.RevenuQuebecKey, "match")]
    [InlineData(Card, RegistrySimulatorFixture.RamqKey, "match")]
    [InlineData(Saaq, RegistrySimulatorFixture.SaaqKey, "match")]
    [InlineData(Letters, RegistrySimulatorFixture.RamqKey, "sent")]
    public async Task An_answer_carries_the_outcome_and_a_reference_never_the_record(string path, string key, string outcome)
    {
        var marie = Demo.Marie;

        using var response = await simulator.PostAsync(path, key, MatchingRequest(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(["outcome", "reference"], body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(outcome, body.RootElement.GetProperty("outcome").GetString());
        Assert.Matches("^(RQ|RAMQ|SAAQ)-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", body.RootElement.GetProperty("reference").GetString());
        foreach (var personal in new[] { marie.GivenNames, marie.FamilyName, marie.Nam, marie.Nas, marie.Address, "Montréal", Demo.Date(marie.BirthDate) })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_repeated_idempotency_key_gets_the_first_answer_and_mails_one_letter()
    {
        var marie = Demo.Marie;
        var secret = Adapters.RamqRegistryTests.NewSecret();
        var json = LetterJson(marie, secret);
        var key = Guid.NewGuid().ToString();

        using var first = await simulator.PostAsync(Letters, RegistrySimulatorFixture.RamqKey, json, key);
        using var second = await simulator.PostAsync(Letters, RegistrySimulatorFixture.RamqKey, json, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("sent", firstBody.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(firstBody.RootElement.GetProperty("reference").GetString(), secondBody.RootElement.GetProperty("reference").GetString());
        Assert.Single(await simulator.LettersAsync(), l => l.Content.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_idempotency_key_is_another_letter()
    {
        var marie = Demo.Marie;
        var secret = Adapters.RamqRegistryTests.NewSecret();
        var json = LetterJson(marie, secret);

        using var first = await simulator.PostAsync(Letters, RegistrySimulatorFixture.RamqKey, json, Guid.NewGuid().ToString());
        using var second = await simulator.PostAsync(Letters, RegistrySimulatorFixture.RamqKey, json, Guid.NewGuid().ToString());

        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.NotEqual(firstBody.RootElement.GetProperty("reference").GetString(), secondBody.RootElement.GetProperty("reference").GetString());
        Assert.Equal(2, (await simulator.LettersAsync()).Count(l => l.Content.Contains(secret, StringComparison.Ordinal)));
    }

    /// <summary>A request Marie Tremblay's records match, for each contract path.</summary>
    private static string MatchingRequest(string path)
    {
        var marie = Demo.Marie;
        var birth = Demo.Date(marie.BirthDate);
        return path switch
        {
            RevenuQuebec => $$"""
                {"sin":"{{marie.Nas}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{birth}}","noticeNumber":"{{marie.Notices[0].Number}}","taxYearFrom":{{Demo.Year - 2}},"taxYearTo":{{Demo.Year - 1}}}
                """,
            Card => $$"""
                {"nam":"{{marie.Nam}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{birth}}","referenceNumber":"{{marie.Card.ReferenceNumber}}"}
                """,
            Saaq => $$"""
                {"referenceNumber":"{{marie.LicenceReference}}","givenName":"{{marie.GivenNames}}","familyName":"{{marie.FamilyName}}","birthDate":"{{birth}}"}
                """,
            Letters => LetterJson(marie, Adapters.RamqRegistryTests.NewSecret()),
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
        };
    }

    private static string LetterJson(Sesame.Registries.Simulator.SyntheticPerson person, string secret) => $$"""
        {"kind":"postal-secret","nam":"{{person.Nam}}","givenName":"{{person.GivenNames}}","familyName":"{{person.FamilyName}}","birthDate":"{{Demo.Date(person.BirthDate)}}","secret":"{{secret}}"}
        """;
}
